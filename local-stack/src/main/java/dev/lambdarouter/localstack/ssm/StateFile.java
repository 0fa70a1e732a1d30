package dev.lambdarouter.localstack.ssm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The JSON file that keeps the parameters (every stored version, in creation order) across restarts. Each save
 * writes a temporary file next to the target and moves it over the target, so a crash never leaves a half-written
 * file.
 */
final class StateFile {
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path path;

    StateFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    Path path() {
        return path;
    }

    /** The stored parameters, each as its versions oldest first; empty when the file does not exist yet. */
    List<List<ParameterVersion>> load() throws IOException {
        if (!Files.exists(path)) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(path.toFile());
        } catch (JsonProcessingException e) {
            throw unreadable("it is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || root.isMissingNode()) {
            return List.of();
        }
        if (!root.isObject()
                || root.path("format").asInt(-1) != FORMAT
                || !root.path("parameters").isArray()) {
            throw unreadable("expected {\"format\": " + FORMAT + ", \"parameters\": [...]}");
        }
        List<List<ParameterVersion>> parameters = new ArrayList<>();
        for (JsonNode parameter : root.get("parameters")) {
            List<ParameterVersion> versions = new ArrayList<>();
            for (JsonNode v : parameter.path("versions")) {
                versions.add(readVersion(v));
            }
            if (versions.isEmpty()) {
                throw unreadable("a parameter has no versions");
            }
            parameters.add(versions);
        }
        return parameters;
    }

    /** Replaces the file's content with these parameters. */
    void save(Collection<List<ParameterVersion>> parameters) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        ArrayNode list = root.putArray("parameters");
        for (List<ParameterVersion> versions : parameters) {
            ArrayNode stored = list.addObject().putArray("versions");
            for (ParameterVersion v : versions) {
                stored.add(writeVersion(v));
            }
        }
        Path directory = path.getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "." + path.getFileName(), ".tmp");
        try {
            JSON.writeValue(temporary.toFile(), root);
            try {
                Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private IOException unreadable(String why) {
        return new IOException("Cannot read the Parameter Store state file " + path + ": " + why
                + ". Fix it, or delete it to start with an empty store.");
    }

    private ParameterVersion readVersion(JsonNode v) throws IOException {
        String name = text(v, "name");
        String type = text(v, "type");
        String value = text(v, "value");
        if (name == null || type == null || value == null || !v.path("version").canConvertToLong()) {
            throw unreadable("a version lacks name, type, value or version");
        }
        return new ParameterVersion(
                name,
                type,
                value,
                v.get("version").asLong(),
                Instant.ofEpochMilli(v.path("lastModified").asLong(0)),
                orDefault(text(v, "tier"), "Standard"),
                orDefault(text(v, "dataType"), "text"),
                text(v, "description"),
                text(v, "allowedPattern"));
    }

    private static ObjectNode writeVersion(ParameterVersion v) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", v.name());
        node.put("version", v.version());
        node.put("type", v.type());
        node.put("value", v.value());
        node.put("tier", v.tier());
        node.put("dataType", v.dataType());
        node.put("lastModified", v.lastModified().toEpochMilli());
        if (v.description() != null) {
            node.put("description", v.description());
        }
        if (v.allowedPattern() != null) {
            node.put("allowedPattern", v.allowedPattern());
        }
        return node;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
