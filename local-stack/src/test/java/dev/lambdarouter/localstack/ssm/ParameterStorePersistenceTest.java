package dev.lambdarouter.localstack.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.SsmException;

/** The state file (edits survive a restart) and seeding from the template. */
class ParameterStorePersistenceTest {
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @TempDir
    Path dir;

    @Test
    void editsSurviveARestartWithVersionsOrderAndTier() throws IOException {
        Path state = dir.resolve("nested/dir/state.json");
        Parameter before;
        try (LocalParameterStore store = LocalParameterStore.start(ANY_PORT, state);
                SsmClient ssm = SsmClients.forEndpoint(store.endpoint())) {
            ssm.putParameter(b -> b.name("/r/second").value("1").type(ParameterType.STRING));
            ssm.putParameter(b -> b.name("/r/first")
                    .value("a,b")
                    .type(ParameterType.STRING_LIST)
                    .tier(ParameterTier.ADVANCED));
            ssm.putParameter(b -> b.name("/r/second").value("2").overwrite(true));
            before = ssm.getParameter(b -> b.name("/r/second")).parameter();
        }

        try (LocalParameterStore store = LocalParameterStore.start(ANY_PORT, state);
                SsmClient ssm = SsmClients.forEndpoint(store.endpoint())) {
            Parameter after = ssm.getParameter(b -> b.name("/r/second")).parameter();
            assertEquals(before, after);
            assertEquals(
                    List.of("/r/second", "/r/first"),
                    ssm.getParametersByPath(b -> b.path("/r")).parameters().stream()
                            .map(Parameter::name)
                            .toList());
            assertEquals(
                    ParameterTier.ADVANCED,
                    ssm.putParameter(b -> b.name("/r/first").value("c").overwrite(true))
                            .tier());
            assertEquals(
                    3L,
                    ssm.putParameter(b -> b.name("/r/second").value("3").overwrite(true))
                            .version());
        }
    }

    @Test
    void theStateFileIsReplacedWholeAndNoTemporaryFilesRemain() throws IOException {
        Path state = dir.resolve("state.json");
        try (LocalParameterStore store = LocalParameterStore.start(ANY_PORT, state);
                SsmClient ssm = SsmClients.forEndpoint(store.endpoint())) {
            for (int i = 0; i < 5; i++) {
                int n = i;
                ssm.putParameter(b -> b.name("/files/p" + n).value("v").type(ParameterType.STRING));
            }
        }

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(state), files.toList());
        }
        String json = Files.readString(state);
        assertTrue(json.contains("\"/files/p4\""), json);
    }

    @Test
    void aStateFileWrittenBeforeVersionsKeptTheirUserStillLoads() throws IOException {
        Path state = dir.resolve("state.json");
        Files.writeString(
                state,
                "{\"format\":1,\"parameters\":[{\"versions\":[{\"name\":\"/old/p\",\"type\":\"String\","
                        + "\"value\":\"v\",\"version\":1,\"lastModified\":1700000000000,\"tier\":\"Standard\"}]}]}");

        try (LocalParameterStore store = LocalParameterStore.start(ANY_PORT, state);
                SsmClient ssm = SsmClients.forEndpoint(store.endpoint())) {
            assertEquals(
                    "arn:aws:iam::123456789012:user/local-stack",
                    ssm.getParameterHistory(b -> b.name("/old/p"))
                            .parameters()
                            .get(0)
                            .lastModifiedUser());
        }
    }

    @Test
    void aStateFileThatIsNotValidJsonIsReportedAndLeftAlone() throws IOException {
        Path state = dir.resolve("state.json");
        Files.writeString(state, "{ not json");

        IOException e = assertThrows(IOException.class, () -> LocalParameterStore.start(ANY_PORT, state));

        assertTrue(e.getMessage().contains(state.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("delete it"), e.getMessage());
        assertEquals("{ not json", Files.readString(state));
    }

    @Test
    void seedCreatesMissingStringParametersOnly() throws IOException {
        Path state = dir.resolve("state.json");
        try (LocalParameterStore store = LocalParameterStore.start(ANY_PORT, state);
                SsmClient ssm = SsmClients.forEndpoint(store.endpoint())) {
            store.seed(Map.of("/seed/routes/orders", "{\"v\":1}", "/seed/ttl", "5"));
            ssm.putParameter(
                    b -> b.name("/seed/routes/orders").value("{\"v\":2}").overwrite(true));
        }

        try (LocalParameterStore store = LocalParameterStore.start(ANY_PORT, state);
                SsmClient ssm = SsmClients.forEndpoint(store.endpoint())) {
            store.seed(Map.of("/seed/routes/orders", "{\"v\":1}", "/seed/routes/new", "n"));

            Parameter edited =
                    ssm.getParameter(b -> b.name("/seed/routes/orders")).parameter();
            assertEquals("{\"v\":2}", edited.value(), "a seed does not undo an edit");
            assertEquals(2L, edited.version());
            Parameter created =
                    ssm.getParameter(b -> b.name("/seed/routes/new")).parameter();
            assertEquals(ParameterType.STRING, created.type());
            assertEquals(1L, created.version());
            assertEquals(
                    "5", ssm.getParameter(b -> b.name("/seed/ttl")).parameter().value());
        }
    }

    @Test
    void anInvalidSeedIsRejectedWholeWithTheNameInTheMessage() throws IOException {
        try (LocalParameterStore store = LocalParameterStore.start(ANY_PORT, dir.resolve("state.json"));
                SsmClient ssm = SsmClients.forEndpoint(store.endpoint())) {
            Map<String, String> seed = new LinkedHashMap<>();
            seed.put("/ok/one", "1");
            seed.put("/bad name", "2");

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.seed(seed));

            assertTrue(e.getMessage().contains("/bad name"), e.getMessage());
            assertEquals(
                    List.of(),
                    ssm.getParametersByPath(b -> b.path("/").recursive(true)).parameters());
            assertThrows(IllegalArgumentException.class, () -> store.seed(Map.of("/big", "x".repeat(4097))));
        }
    }

    @Test
    void aChangeThatCannotBeSavedIsAnsweredAsAServerErrorAndNotApplied() throws IOException {
        Path parent = dir.resolve("gone");
        try (LocalParameterStore store = LocalParameterStore.start(ANY_PORT, parent.resolve("state.json"));
                SsmClient ssm = SsmClients.forEndpoint(store.endpoint())) {
            Files.writeString(parent, "a file where the state directory should be");

            SsmException e = assertThrows(
                    SsmException.class,
                    () -> ssm.putParameter(b -> b.name("/unsaved").value("v").type(ParameterType.STRING)));

            assertEquals(500, e.statusCode());
            assertTrue(e.awsErrorDetails().errorMessage().contains("state file"), e.getMessage());
            assertThrows(ParameterNotFoundException.class, () -> ssm.getParameter(b -> b.name("/unsaved")));
        }
    }
}
