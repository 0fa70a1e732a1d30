package dev.lambdarouter.localstack;

import static org.junit.jupiter.api.Assertions.fail;

import dev.lambdarouter.localstack.template.FunctionSpec;
import dev.lambdarouter.localstack.template.LocalAccount;
import dev.lambdarouter.localstack.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The project's template and the zips it points at, which the reactor builds before this module's tests. */
final class ProjectZips {

    private ProjectZips() {}

    static Path projectRoot() {
        String root = System.getProperty("project.root");
        return (root != null ? Path.of(root) : Path.of("..")).toAbsolutePath().normalize();
    }

    static Path template() {
        return projectRoot().resolve("template.yaml");
    }

    /** The project's template, resolved with its defaults. */
    static SamTemplate load() throws IOException {
        return SamTemplate.load(
                template(),
                projectRoot(),
                Map.of(),
                new LocalAccount("us-east-1", LocalAccount.DEFAULT_ACCOUNT_ID, "test"));
    }

    /** Fails the test run with a clear message when a function or layer zip has not been built. */
    static void requireBuilt() throws IOException {
        SamTemplate template = load();
        List<String> missing = new ArrayList<>();
        for (FunctionSpec function : template.functions()) {
            if (!Files.exists(function.codeUri())) {
                missing.add(function.codeUri().toString());
            }
            function.layers().stream()
                    .filter(l -> !Files.exists(l))
                    .map(Path::toString)
                    .filter(l -> !missing.contains(l))
                    .forEach(missing::add);
        }
        if (!missing.isEmpty()) {
            fail("The local-stack tests run the zips template.yaml points at, and these are missing: " + missing
                    + ". Build them first: `mvn -B verify` (or `mvn -B -DskipTests package`) from the project root.");
        }
    }
}
