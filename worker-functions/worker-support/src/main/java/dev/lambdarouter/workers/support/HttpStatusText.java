package dev.lambdarouter.workers.support;

/** Reason phrases for the status codes the workers answer with (ALB wants "200 OK" style descriptions). */
final class HttpStatusText {

    private HttpStatusText() {}

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Payload Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> status < 400 ? "OK" : "Error";
        };
    }
}
