package dev.lambdarouter.localstack.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DeleteParametersResponse;
import software.amazon.awssdk.services.ssm.model.DescribeParametersResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.InvalidFilterKeyException;
import software.amazon.awssdk.services.ssm.model.InvalidNextTokenException;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterPatternMismatchException;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;
import software.amazon.awssdk.services.ssm.model.ValidationException;

/** Every supported operation and its errors, through the real SDK v2 client. */
class ParameterStoreApiTest {
    @TempDir
    Path dir;

    private LocalParameterStore store;
    private SsmClient ssm;

    @BeforeEach
    void start() throws IOException {
        store = LocalParameterStore.start(new InetSocketAddress("127.0.0.1", 0), dir.resolve("ssm-state.json"));
        ssm = SsmClients.forEndpoint(store.endpoint());
    }

    @AfterEach
    void stop() {
        ssm.close();
        store.close();
    }

    private PutParameterResponse put(String name, String value) {
        return ssm.putParameter(b -> b.name(name).value(value).type(ParameterType.STRING));
    }

    @Test
    void putThenGetReturnsTheParameterWithVersionArnAndDataType() {
        Instant before = Instant.now().minusSeconds(1);
        PutParameterResponse put = put("/app/config/db-url", "jdbc:postgresql://db/app");

        assertEquals(1L, put.version());
        assertEquals(ParameterTier.STANDARD, put.tier());
        Parameter p = ssm.getParameter(b -> b.name("/app/config/db-url").withDecryption(true))
                .parameter();
        assertEquals("/app/config/db-url", p.name());
        assertEquals("jdbc:postgresql://db/app", p.value());
        assertEquals(ParameterType.STRING, p.type());
        assertEquals(1L, p.version());
        assertEquals("text", p.dataType());
        assertEquals("arn:aws:ssm:us-east-1:123456789012:parameter/app/config/db-url", p.arn());
        assertNotNull(p.lastModifiedDate());
        assertFalse(p.lastModifiedDate().isBefore(before), "LastModifiedDate " + p.lastModifiedDate());
        assertNull(p.selector());
    }

    @Test
    void overwriteIncrementsTheVersionAndKeepsOldVersionsReadableBySelector() {
        put("/app/weight", "10");
        long v2 = ssm.putParameter(b -> b.name("/app/weight").value("20").overwrite(true))
                .version();
        long v3 = ssm.putParameter(b -> b.name("/app/weight").value("30").overwrite(true))
                .version();

        assertEquals(2L, v2);
        assertEquals(3L, v3);
        Parameter latest = ssm.getParameter(b -> b.name("/app/weight")).parameter();
        assertEquals("30", latest.value());
        assertEquals(ParameterType.STRING, latest.type(), "the type is kept when an overwrite omits it");
        Parameter first = ssm.getParameter(b -> b.name("/app/weight:1")).parameter();
        assertEquals("10", first.value());
        assertEquals(1L, first.version());
        assertEquals("/app/weight", first.name());
        assertEquals(":1", first.selector());
        assertThrows(ParameterVersionNotFoundException.class, () -> ssm.getParameter(b -> b.name("/app/weight:7")));
        assertThrows(ParameterNotFoundException.class, () -> ssm.getParameter(b -> b.name("/app/weight:some-label")));
    }

    @Test
    void putOnAnExistingNameWithoutOverwriteFailsAndChangesNothing() {
        put("/app/flag", "on");

        ParameterAlreadyExistsException e =
                assertThrows(ParameterAlreadyExistsException.class, () -> put("/app/flag", "off"));

        assertEquals("ParameterAlreadyExists", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        Parameter p = ssm.getParameter(b -> b.name("/app/flag")).parameter();
        assertEquals("on", p.value());
        assertEquals(1L, p.version());
    }

    @Test
    void getOfAMissingParameterIsParameterNotFound() {
        ParameterNotFoundException e =
                assertThrows(ParameterNotFoundException.class, () -> ssm.getParameter(b -> b.name("/nope")));
        assertEquals("ParameterNotFound", e.awsErrorDetails().errorCode());
        assertTrue(e.getMessage().contains("/nope"), e.getMessage());
    }

    @Test
    void getByArnFindsTheParameter() {
        put("/app/by-arn", "x");
        put("plain-by-arn", "y");

        assertEquals(
                "x",
                ssm.getParameter(b -> b.name("arn:aws:ssm:us-east-1:123456789012:parameter/app/by-arn"))
                        .parameter()
                        .value());
        assertEquals(
                "y",
                ssm.getParameter(b -> b.name("arn:aws:ssm:us-east-1:123456789012:parameter/plain-by-arn"))
                        .parameter()
                        .value());
    }

    @Test
    void oneLevelNamesAreTheSameParameterWithOrWithoutTheLeadingSlash() {
        put("/toplevel", "v");

        assertEquals("v", ssm.getParameter(b -> b.name("toplevel")).parameter().value());
        assertThrows(ParameterAlreadyExistsException.class, () -> put("toplevel", "w"));
    }

    @Test
    void arnNamesTheRegionTheClientSignedFor() {
        try (SsmClient eu = SsmClients.forEndpoint(store.endpoint(), Region.EU_WEST_1)) {
            eu.putParameter(b -> b.name("/app/eu").value("1").type(ParameterType.STRING));
            assertEquals(
                    "arn:aws:ssm:eu-west-1:123456789012:parameter/app/eu",
                    eu.getParameter(b -> b.name("/app/eu")).parameter().arn());
        }
    }

    @Test
    void stringListAndSecureStringAreStoredWithTheirType() {
        ssm.putParameter(b -> b.name("/app/list").value("a,b,c").type(ParameterType.STRING_LIST));
        ssm.putParameter(b -> b.name("/app/secret").value("s3cr3t").type(ParameterType.SECURE_STRING));

        assertEquals(
                ParameterType.STRING_LIST,
                ssm.getParameter(b -> b.name("/app/list")).parameter().type());
        Parameter secret = ssm.getParameter(b -> b.name("/app/secret").withDecryption(true))
                .parameter();
        assertEquals(ParameterType.SECURE_STRING, secret.type());
        assertEquals("s3cr3t", secret.value());
    }

    @Test
    void getParametersSplitsFoundAndInvalidNamesInRequestOrder() {
        put("/app/a", "1");
        put("/app/b", "2");

        GetParametersResponse r = ssm.getParameters(b -> b.names("/app/b", "/app/missing", "/app/a", "/app/b"));

        assertEquals(
                List.of("/app/b", "/app/a"),
                r.parameters().stream().map(Parameter::name).toList());
        assertEquals(
                List.of("2", "1"), r.parameters().stream().map(Parameter::value).toList());
        assertEquals(List.of("/app/missing"), r.invalidParameters());
    }

    @Test
    void getParametersRejectsMoreThanTenNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            names.add("/n/" + i);
        }
        assertThrows(ValidationException.class, () -> ssm.getParameters(b -> b.names(names)));
    }

    @Test
    void getParametersByPathListsOneLevelOrRecursivelyInCreationOrder() {
        put("/svc/routes/b", "1");
        put("/svc/routes/a", "2");
        put("/svc/routes/deep/c", "3");
        put("/svc/other", "4");
        put("/svcx/not-under", "5");

        assertEquals(List.of("/svc/routes/b", "/svc/routes/a"), names(byPath("/svc/routes", false, null, null)));
        assertEquals(
                List.of("/svc/routes/b", "/svc/routes/a", "/svc/routes/deep/c"),
                names(byPath("/svc/routes/", true, null, null)));
        assertEquals(
                List.of("/svc/routes/b", "/svc/routes/a", "/svc/routes/deep/c", "/svc/other"),
                names(byPath("/svc", true, null, null)));
        assertEquals(List.of(), names(byPath("/svc/routes/b", true, null, null)), "a name is not a path");
    }

    @Test
    void getParametersByPathFromTheRootIncludesPlainNames() {
        put("plain", "1");
        put("/rooted", "2");
        put("/a/b", "3");

        assertEquals(List.of("plain", "/rooted"), names(byPath("/", false, null, null)));
        assertEquals(List.of("plain", "/rooted", "/a/b"), names(byPath("/", true, null, null)));
    }

    @Test
    void getParametersByPathPaginatesWithNextTokenWhilePagesAreFull() {
        for (int i = 1; i <= 5; i++) {
            put("/page/p" + i, "v" + i);
        }

        GetParametersByPathResponse first = byPath("/page", true, 2, null);
        GetParametersByPathResponse second = byPath("/page", true, 2, first.nextToken());
        GetParametersByPathResponse third = byPath("/page", true, 2, second.nextToken());

        assertEquals(List.of("/page/p1", "/page/p2"), names(first));
        assertEquals(List.of("/page/p3", "/page/p4"), names(second));
        assertEquals(List.of("/page/p5"), names(third));
        assertNotNull(first.nextToken());
        assertNotNull(second.nextToken());
        assertNull(third.nextToken());
    }

    @Test
    void getParametersByPathDefaultsToTenPerPageAndTheSdkPaginatorSeesEverything() {
        for (int i = 1; i <= 23; i++) {
            put("/many/p" + i, "v" + i);
        }

        GetParametersByPathResponse first = byPath("/many", false, null, null);
        List<String> all = ssm.getParametersByPathPaginator(b -> b.path("/many").maxResults(4)).stream()
                .flatMap(r -> r.parameters().stream())
                .map(Parameter::name)
                .toList();

        assertEquals(10, first.parameters().size());
        assertEquals(23, all.size());
        assertEquals(23, Set.copyOf(all).size());
    }

    @Test
    void getParametersByPathValidatesMaxResultsPathAndToken() {
        assertThrows(ValidationException.class, () -> byPath("/x", false, 11, null));
        assertThrows(ValidationException.class, () -> byPath("/x", false, 0, null));
        assertThrows(ValidationException.class, () -> byPath("no-slash", false, null, null));
        assertThrows(InvalidNextTokenException.class, () -> byPath("/x", false, null, "garbage!"));
    }

    @Test
    void getParametersByPathFiltersByType() {
        put("/typed/s", "1");
        ssm.putParameter(b -> b.name("/typed/l").value("a,b").type(ParameterType.STRING_LIST));

        GetParametersByPathResponse r = ssm.getParametersByPath(b -> b.path("/typed")
                .parameterFilters(ParameterStringFilter.builder()
                        .key("Type")
                        .option("Equals")
                        .values("StringList")
                        .build()));

        assertEquals(List.of("/typed/l"), names(r));
        assertThrows(
                InvalidFilterKeyException.class,
                () -> ssm.getParametersByPath(b -> b.path("/typed")
                        .parameterFilters(ParameterStringFilter.builder()
                                .key("KeyId")
                                .values("alias/x")
                                .build())));
    }

    @Test
    void deleteParameterRemovesItAndAMissingOneIsParameterNotFound() {
        put("/del/me", "x");

        ssm.deleteParameter(b -> b.name("/del/me"));

        assertThrows(ParameterNotFoundException.class, () -> ssm.getParameter(b -> b.name("/del/me")));
        assertThrows(ParameterNotFoundException.class, () -> ssm.deleteParameter(b -> b.name("/del/me")));
        assertEquals(1L, put("/del/me", "again").version(), "a re-created parameter starts at version 1");
    }

    @Test
    void deleteParametersReportsDeletedAndInvalidNames() {
        put("/del/a", "1");
        put("/del/b", "2");

        DeleteParametersResponse r = ssm.deleteParameters(b -> b.names("/del/a", "/del/missing", "/del/b"));

        assertEquals(List.of("/del/a", "/del/b"), r.deletedParameters());
        assertEquals(List.of("/del/missing"), r.invalidParameters());
        assertEquals(List.of(), names(byPath("/del", true, null, null)));
    }

    @Test
    void describeParametersListsMetadataAndFiltersByName() {
        ssm.putParameter(
                b -> b.name("/desc/a").value("1").type(ParameterType.STRING).description("first"));
        put("/desc/b", "2");
        put("/other/c", "3");

        DescribeParametersResponse all = ssm.describeParameters(b -> b.maxResults(50));
        DescribeParametersResponse underDesc =
                ssm.describeParameters(b -> b.parameterFilters(ParameterStringFilter.builder()
                        .key("Name")
                        .option("BeginsWith")
                        .values("/desc/")
                        .build()));

        assertEquals(
                List.of("/desc/a", "/desc/b", "/other/c"),
                all.parameters().stream().map(ParameterMetadata::name).toList());
        ParameterMetadata a = underDesc.parameters().get(0);
        assertEquals(2, underDesc.parameters().size());
        assertEquals("first", a.description());
        assertEquals(1L, a.version());
        assertEquals(ParameterTier.STANDARD, a.tier());
        assertEquals("arn:aws:ssm:us-east-1:123456789012:parameter/desc/a", a.arn());
    }

    @Test
    void allowedPatternIsEnforcedOnPutAndKeptForOverwrites() {
        ssm.putParameter(
                b -> b.name("/pattern/n").value("42").type(ParameterType.STRING).allowedPattern("^\\d+$"));

        assertThrows(
                ParameterPatternMismatchException.class,
                () -> ssm.putParameter(
                        b -> b.name("/pattern/n").value("forty-two").overwrite(true)));
        assertEquals(
                2L,
                ssm.putParameter(b -> b.name("/pattern/n").value("43").overwrite(true))
                        .version());
    }

    @Test
    void concurrentOverwritesEachGetTheirOwnVersion() throws Exception {
        put("/concurrent/counter", "0");
        int writers = 8;
        int writesEach = 10;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<List<Long>>> tasks = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                tasks.add(() -> {
                    List<Long> versions = new ArrayList<>();
                    for (int i = 0; i < writesEach; i++) {
                        String value = writer + "-" + i;
                        versions.add(ssm.putParameter(b -> b.name("/concurrent/counter")
                                        .value(value)
                                        .overwrite(true))
                                .version());
                    }
                    return versions;
                });
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : pool.invokeAll(tasks)) {
                all.addAll(f.get());
            }
            Set<Long> expected = java.util.stream.LongStream.rangeClosed(2, 1 + writers * writesEach)
                    .boxed()
                    .collect(Collectors.toSet());
            assertEquals(expected, Set.copyOf(all));
            assertEquals(
                    1L + writers * writesEach,
                    ssm.getParameter(b -> b.name("/concurrent/counter"))
                            .parameter()
                            .version());
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private GetParametersByPathResponse byPath(String path, boolean recursive, Integer maxResults, String token) {
        return ssm.getParametersByPath(GetParametersByPathRequest.builder()
                .path(path)
                .recursive(recursive)
                .maxResults(maxResults)
                .nextToken(token)
                .build());
    }

    private static List<String> names(GetParametersByPathResponse r) {
        return r.parameters().stream().map(Parameter::name).toList();
    }
}
