package dev.lambdarouter.router.alb;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

/** The ALB's {@code statusDescription}: "code reason". */
final class HttpStatusText {

    /** Descriptions of 100..599 as they were first asked for (a race writes equal values: harmless). */
    private static final SerializableString[] DESCRIPTIONS = new SerializableString[600];

    private HttpStatusText() {}

    static String describe(int status) {
        return status + " " + reason(status);
    }

    /** {@link #describe} of a status in 100..599, ready for a JSON generator (built once per status). */
    static SerializableString quotedDescription(int status) {
        if (status < 100 || status >= DESCRIPTIONS.length) {
            return new SerializedString(describe(status));
        }
        SerializableString description = DESCRIPTIONS[status];
        if (description == null) {
            description = new SerializedString(describe(status));
            DESCRIPTIONS[status] = description;
        }
        return description;
    }

    static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default ->
                status < 200
                        ? "Informational"
                        : status < 300
                                ? "Success"
                                : status < 400 ? "Redirection" : status < 500 ? "Client Error" : "Server Error";
        };
    }
}
