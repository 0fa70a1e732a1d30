package dev.lambdarouter.localstack.alb;

/** The load balancer answers by itself with its error page; the message is for the console only. */
final class Refusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;

    Refusal(int status, String why) {
        super(why, null, false, false);
        this.status = status;
    }
}
