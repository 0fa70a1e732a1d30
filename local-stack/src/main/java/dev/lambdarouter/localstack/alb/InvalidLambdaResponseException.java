package dev.lambdarouter.localstack.alb;

/** The target's answer is not a response the load balancer accepts (it answers 502). */
final class InvalidLambdaResponseException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidLambdaResponseException(String message) {
        super(message);
    }
}
