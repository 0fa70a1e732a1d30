package dev.lambdarouter.localstack.ssm;

/**
 * An SSM service error as the AWS JSON protocol reports it: an error code (the SDK maps it to an exception class,
 * e.g. {@code ParameterNotFound} to {@code ParameterNotFoundException}), a message and an HTTP status.
 */
final class SsmError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final String code;
    final int status;

    SsmError(String code, String message, int status) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    static SsmError of(String code, String message) {
        return new SsmError(code, message, 400);
    }

    static SsmError validation(String message) {
        return of("ValidationException", message);
    }

    static SsmError mustNotBeNull(String member) {
        return validation("1 validation error detected: Value null at '" + member
                + "' failed to satisfy constraint: Member must not be null");
    }

    static SsmError parameterNotFound(String name) {
        return of("ParameterNotFound", "Parameter " + name + " not found.");
    }
}
