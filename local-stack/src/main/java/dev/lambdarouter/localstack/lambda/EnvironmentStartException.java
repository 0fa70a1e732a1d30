package dev.lambdarouter.localstack.lambda;

/** A new execution environment could not be started or its handler failed to initialise. */
final class EnvironmentStartException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The error document the invocation that needed the environment answers with. */
    final byte[] errorDocument;

    EnvironmentStartException(byte[] errorDocument, String message) {
        super(message);
        this.errorDocument = errorDocument;
    }

    EnvironmentStartException(String errorType, String errorMessage, String message) {
        this(InvocationResult.errorDocument(errorType, errorMessage), message);
    }
}
