package dev.lambdarouter.localstack.bootstrap;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The error document the Java runtime returns for a failed invocation:
 * {@code {"errorMessage": ..., "errorType": ..., "stackTrace": [...], "cause": {...}}}.
 */
public final class ErrorJson {

    private ErrorJson() {}

    /** An error without a stack trace (platform errors such as {@code Sandbox.Timedout}). */
    public static byte[] of(String errorType, String errorMessage) {
        return ("{\"errorMessage\":" + quote(errorMessage) + ",\"errorType\":" + quote(errorType) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The error of an exception the handler threw. */
    public static byte[] of(Throwable error) {
        return object(error, 0).getBytes(StandardCharsets.UTF_8);
    }

    private static String object(Throwable error, int depth) {
        StringBuilder out = new StringBuilder("{\"errorMessage\":")
                .append(quote(error.getMessage()))
                .append(",\"errorType\":")
                .append(quote(error.getClass().getName()))
                .append(",\"stackTrace\":[")
                .append(Arrays.stream(error.getStackTrace())
                        .map(frame -> quote(frame.toString()))
                        .collect(Collectors.joining(",")))
                .append(']');
        Throwable cause = error.getCause();
        if (cause != null && cause != error && depth < 8) {
            out.append(",\"cause\":").append(object(cause, depth + 1));
        }
        return out.append('}').toString();
    }

    /** A JSON string literal ({@code null} for null). */
    public static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
