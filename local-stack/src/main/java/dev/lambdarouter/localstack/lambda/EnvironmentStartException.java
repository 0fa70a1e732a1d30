package dev.lambdarouter.localstack.lambda;

/** A new execution environment could not be started or its handler failed to initialise. */
final class EnvironmentStartException extends Exception {

    private static final long serialVersionUID = 1L;

    private final byte[] errorDocument;
    private final String errorType;

    EnvironmentStartException(String errorType, byte[] errorDocument, String message) {
        super(message);
        this.errorType = errorType;
        this.errorDocument = errorDocument;
    }

    /** The error document the invocation that needed the environment answers with. */
    byte[] errorDocument() {
        return errorDocument;
    }

    String errorType() {
        return errorType;
    }
}
