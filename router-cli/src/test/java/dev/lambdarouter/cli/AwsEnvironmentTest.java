package dev.lambdarouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Where the CLI goes, from the environment the AWS CLI reads: region, endpoint, profile. */
class AwsEnvironmentTest {
    @RegisterExtension
    static final ParameterStoreFixture store = new ParameterStoreFixture();

    @TempDir
    Path dir;

    private Path routeFile() throws IOException {
        return Files.writeString(
                dir.resolve("orders.json"),
                "{\"name\": \"orders\", \"priority\": 100, \"targets\": [{\"function\": \"orders-v1\", \"weight\": 1}]}");
    }

    /** An environment without a profile file, plus {@code variables}. */
    private Map<String, String> environment(String... variables) {
        Map<String, String> environment = new HashMap<>();
        environment.put("HOME", dir.toString());
        for (int i = 0; i < variables.length; i += 2) {
            environment.put(variables[i], variables[i + 1]);
        }
        return environment;
    }

    /** The region the CLI would write to, from its dry-run line. */
    private String regionOf(Map<String, String> environment, String... options) throws IOException {
        List<String> args = new ArrayList<>(
                List.of("publish", "--dry-run", "--endpoint-url", store.endpoint(), "--prefix", store.prefix()));
        args.addAll(List.of(options));
        args.add(routeFile().toString());
        CliRun run = store.runExactly(environment, args);
        assertEquals(RoutesCli.OK, run.exitCode(), run::toString);
        String line = run.out().lines().findFirst().orElseThrow();
        int start = line.indexOf("(region ") + "(region ".length();
        return line.substring(start, line.indexOf(')', start));
    }

    // Few distinct regions: moto sets up its SSM backend for each region it sees, which is slow.
    @Test
    void regionFollowsTheAwsCliOrderOptionThenAwsRegionThenAwsDefaultRegionThenProfile() throws IOException {
        Path config = Files.writeString(
                dir.resolve("config"), "[default]\nregion = us-east-1\n\n[profile ops]\nregion = eu-west-2\n");
        String file = config.toString();

        assertEquals("us-east-1", regionOf(environment("AWS_CONFIG_FILE", file)));
        assertEquals("eu-west-2", regionOf(environment("AWS_CONFIG_FILE", file, "AWS_PROFILE", "ops")));
        assertEquals(
                "ap-southeast-2",
                regionOf(environment("AWS_CONFIG_FILE", file, "AWS_DEFAULT_REGION", "ap-southeast-2")));
        assertEquals(
                "us-east-1",
                regionOf(environment(
                        "AWS_CONFIG_FILE", file, "AWS_DEFAULT_REGION", "ap-southeast-2", "AWS_REGION", "us-east-1")));
        assertEquals(
                "eu-west-2",
                regionOf(
                        environment("AWS_DEFAULT_REGION", "ap-southeast-2", "AWS_REGION", "us-east-1"),
                        "--region",
                        "eu-west-2"));
    }

    @Test
    void theProfileFileDefaultsToDotAwsConfigUnderHome() throws IOException {
        Files.createDirectories(dir.resolve(".aws"));
        Files.writeString(dir.resolve(".aws/config"), "[default]\nregion = eu-west-2\n");

        assertEquals("eu-west-2", regionOf(environment()));
    }

    @Test
    void withoutARegionTheErrorNamesTheWaysToSetIt() throws IOException {
        CliRun run = store.runExactly(
                environment("AWS_PROFILE", "ops"),
                List.of("show", "--endpoint-url", store.endpoint(), "--prefix", store.prefix()));

        assertEquals(RoutesCli.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("routes: no AWS region: "), run::toString);
        for (String way : List.of("--region", "AWS_REGION", "AWS_DEFAULT_REGION", "profile 'ops'", "config")) {
            assertTrue(run.err().contains(way), way + " in " + run);
        }
        assertFalse(run.err().contains("\tat "), run::toString);
        assertFalse(run.err().contains("provider"), run::toString);
    }

    /** The real {@code main} in a JVM whose environment holds only what an operator's shell would export. */
    private CliRun main(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                RoutesCli.class.getName()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "routes did not exit");
        return new CliRun(process.exitValue(), out, Files.readString(err));
    }

    @Test
    void theLocalStackEnvironmentOfTheReadmeWorksWithTheRealMain() throws Exception {
        Map<String, String> shell = environment(
                "PATH",
                System.getenv("PATH"),
                "AWS_ACCESS_KEY_ID",
                "test",
                "AWS_SECRET_ACCESS_KEY",
                "test",
                "AWS_DEFAULT_REGION",
                "us-east-1",
                "AWS_ENDPOINT_URL_SSM",
                store.endpoint(),
                "ROUTER_CONFIG_PREFIX",
                store.prefix());
        Map<String, String> genericEndpoint = new HashMap<>(shell);
        genericEndpoint.remove("AWS_ENDPOINT_URL_SSM");
        genericEndpoint.put("AWS_ENDPOINT_URL", store.endpoint());

        CliRun publish = main(shell, "publish", routeFile().toString());
        CliRun show = main(genericEndpoint, "show");

        assertEquals(RoutesCli.OK, publish.exitCode(), publish::toString);
        assertTrue(
                publish.out()
                        .startsWith("writing to endpoint " + store.endpoint() + " (region us-east-1), prefix "
                                + store.prefix() + "; "),
                publish::toString);
        assertTrue(store.value(store.route("orders")).isPresent(), publish::toString);
        assertEquals(RoutesCli.OK, show.exitCode(), show::toString);
        assertTrue(show.out().contains("routers accept version "), show::toString);
        assertEquals(
                Optional.of(store.route("orders")),
                show.out()
                        .lines()
                        .filter(line -> line.startsWith("100"))
                        .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                        .findFirst());
    }
}
