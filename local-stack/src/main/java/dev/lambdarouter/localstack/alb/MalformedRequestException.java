package dev.lambdarouter.localstack.alb;

/**
 * A request the load balancer refuses before any target sees it. The message says why, for the stack's console
 * only: the client gets the load balancer's bare error page for {@link #status()}.
 */
final class MalformedRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    MalformedRequestException(int status, String why) {
        super(why);
        this.status = status;
    }

    /** 400 for a malformed or oversized request head, 501 for an unsupported transfer coding. */
    int status() {
        return status;
    }
}
