package dev.lambdarouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README walks a canary with {@code examples/routes/*.json}: they must pass the routers' checks as written. */
class ExampleRoutesTest {

    private static final Path EXAMPLES = Path.of("..", "examples", "routes");

    @Test
    void theReadmeExamplesValidateWithTheDevStacksAllowlist() throws IOException {
        List<String> args = new ArrayList<>(
                List.of("validate", "--allowed-functions", "lambda-router-dev-orders-v1,lambda-router-dev-orders-v2"));
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(f -> args.add(f.toString()));
        }
        assertFalse(args.size() == 3, "no example route files in " + EXAMPLES.toAbsolutePath());

        CliRun run = CliRun.offline(args.toArray(String[]::new));

        assertEquals(RoutesCli.OK, run.exitCode(), run::toString);
    }
}
