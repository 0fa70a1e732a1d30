package dev.lambdarouter.localstack.alb;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The small HTML pages the load balancer answers with when it, not the target, produces the response. */
final class ErrorPages {

    private ErrorPages() {}

    static AlbResponse of(int status) {
        String title = status + " " + reason(status);
        String html = "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n</body>\r\n</html>\r\n";
        return new AlbResponse(
                status,
                List.of(Map.entry("Server", "awselb/2.0"), Map.entry("Content-Type", "text/html")),
                html.getBytes(StandardCharsets.UTF_8));
    }

    /** The load balancer's wording for the statuses it answers by itself. */
    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 413 -> "Request Entity Too Large";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Temporarily Unavailable";
            case 504 -> "Gateway Time-out";
            default -> "Error";
        };
    }
}
