package dev.lambdarouter.workers.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.workers.support.AlbRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/**
 * "Generates" a report: summarises the request body (size, SHA-256, lines, words, top-level JSON fields) and
 * query. Pure and deterministic: the same request always yields the same summary.
 */
final class ReportGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();

    ReportSummary generate(String reportId, AlbRequest request, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode json = parseObject(body);
        List<String> fields = new ArrayList<>();
        if (json != null) {
            json.fieldNames().forEachRemaining(fields::add);
            fields.sort(null);
        }
        return new ReportSummary(
                reportId,
                reportType(json, request),
                request.header("x-router-route"),
                request.header("x-router-target"),
                body.length,
                sha256(body),
                text.isEmpty() ? 0 : (int) text.lines().count(),
                text.isBlank() ? 0 : text.trim().split("\\s+").length,
                List.copyOf(fields),
                new TreeMap<>(request.queryParameters()));
    }

    private static String reportType(JsonNode json, AlbRequest request) {
        if (json != null && json.path("reportType").isTextual()) {
            return json.get("reportType").asText();
        }
        List<String> fromQuery = request.queryValues("type");
        return fromQuery.isEmpty() ? "generic" : fromQuery.get(0);
    }

    /** The body as a JSON object, or {@code null} when it is not one (a report may summarise any bytes). */
    private static JsonNode parseObject(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
