package dev.lambdarouter.localstack.ssm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;

/**
 * The JSON file that keeps the parameters (every stored version, in creation order) across restarts. Each save
 * writes a temporary file next to the target and moves it over the target, so a crash never leaves a half-written
 * file.
 */
final class StateFile {
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .setInjectableValues(
                    new InjectableValues.Std().addValue("lastModifiedUser", ParameterTable.LOCAL_STACK_USER))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    /** The file's content: {@code {"format": 1, "parameters": [{"versions": [...]}, ...]}}. */
    private record State(int format, List<Versions> parameters) {}

    private record Versions(List<ParameterVersion> versions) {}

    final Path path;

    StateFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    /** The stored parameters, each as its versions oldest first; empty when the file does not exist yet. */
    List<List<ParameterVersion>> load() throws IOException {
        if (!Files.exists(path)) {
            return List.of();
        }
        State state;
        try {
            state = JSON.readValue(path.toFile(), State.class);
        } catch (JsonProcessingException e) {
            throw unreadable("it is not valid (" + e.getOriginalMessage() + ")");
        }
        if (state.format() != FORMAT
                || state.parameters().stream().anyMatch(p -> p.versions().isEmpty())) {
            throw unreadable("expected {\"format\": " + FORMAT + ", \"parameters\": [{\"versions\": [...]}]}");
        }
        return state.parameters().stream().map(Versions::versions).toList();
    }

    void save(Collection<List<ParameterVersion>> parameters) throws IOException {
        State state = new State(FORMAT, parameters.stream().map(Versions::new).toList());
        Files.createDirectories(path.getParent());
        Path temporary = Files.createTempFile(path.getParent(), "." + path.getFileName(), ".tmp");
        try {
            JSON.writeValue(temporary.toFile(), state);
            // Same directory, so the move is atomic on every local file system.
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private IOException unreadable(String why) {
        return new IOException("Cannot read the Parameter Store state file " + path + ": " + why
                + ". Fix it, or delete it to start with an empty store.");
    }
}
