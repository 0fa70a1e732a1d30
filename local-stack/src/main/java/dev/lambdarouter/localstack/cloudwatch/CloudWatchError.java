package dev.lambdarouter.localstack.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;

/** An error answer: HTTP status, the error's shape name (the body's {@code __type}) and its message. */
final class CloudWatchError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String type;

    CloudWatchError(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    static CloudWatchError invalid(String message) {
        return new CloudWatchError(400, "InvalidParameterValueException", message);
    }

    /** {@code node.field}, which the operation needs. */
    static JsonNode required(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            throw new CloudWatchError(
                    400, "MissingRequiredParameterException", where + ": the parameter " + field + " is required.");
        }
        return value;
    }
}
