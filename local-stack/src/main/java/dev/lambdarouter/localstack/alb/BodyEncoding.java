package dev.lambdarouter.localstack.alb;

import java.util.Locale;

/**
 * Which request bodies the load balancer passes to Lambda as text and which as base64: text types
 * ({@code text/*}, JSON, XML, JavaScript, form data) as text, everything else, including a body without a
 * {@code Content-Type}, base64-encoded with {@code isBase64Encoded: true}.
 */
final class BodyEncoding {

    private BodyEncoding() {}

    static boolean isText(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        if (semicolon >= 0) {
            type = type.substring(0, semicolon);
        }
        type = type.trim();
        return type.startsWith("text/")
                || type.contains("json")
                || type.contains("xml")
                || type.contains("javascript")
                || type.equals("application/x-www-form-urlencoded");
    }
}
