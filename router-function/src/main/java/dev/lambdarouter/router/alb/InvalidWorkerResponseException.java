package dev.lambdarouter.router.alb;

/** A worker answered with something the ALB would reject. The message says what, without echoing content. */
public final class InvalidWorkerResponseException extends Exception {
    public InvalidWorkerResponseException(String message) {
        super(message, null, false, false);
    }
}
