package dev.lambdarouter.localstack.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.InvalidNextTokenException;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;
import software.amazon.awssdk.services.ssm.model.ValidationException;

/** Every supported operation and its errors, through the real SDK v2 client. */
class ParameterStoreApiTest {
    @RegisterExtension
    final RunningParameterStore store = new RunningParameterStore();

    private PutParameterResponse put(String name, String value) {
        return store.ssm().putParameter(b -> b.name(name).value(value).type(ParameterType.STRING));
    }

    @Test
    void putThenGetReturnsTheParameterWithVersionArnAndDataType() {
        Instant before = Instant.now().minusSeconds(1);
        PutParameterResponse put = put("/app/config/db-url", "jdbc:postgresql://db/app");

        assertEquals(1L, put.version());
        assertEquals(ParameterTier.STANDARD, put.tier());
        Parameter p = store.ssm()
                .getParameter(b -> b.name("/app/config/db-url").withDecryption(true))
                .parameter();
        assertEquals("/app/config/db-url", p.name());
        assertEquals("jdbc:postgresql://db/app", p.value());
        assertEquals(ParameterType.STRING, p.type());
        assertEquals(1L, p.version());
        assertEquals("text", p.dataType());
        assertEquals("arn:aws:ssm:us-east-1:123456789012:parameter/app/config/db-url", p.arn());
        assertNotNull(p.lastModifiedDate());
        assertFalse(p.lastModifiedDate().isBefore(before), "LastModifiedDate " + p.lastModifiedDate());
    }

    @Test
    void overwriteIncrementsTheVersionAndKeepsTheType() {
        put("/app/weight", "10");
        long v2 = store.ssm()
                .putParameter(b -> b.name("/app/weight").value("20").overwrite(true))
                .version();
        long v3 = store.ssm()
                .putParameter(b -> b.name("/app/weight").value("30").overwrite(true))
                .version();

        assertEquals(2L, v2);
        assertEquals(3L, v3);
        Parameter latest = store.ssm().getParameter(b -> b.name("/app/weight")).parameter();
        assertEquals("30", latest.value());
        assertEquals(ParameterType.STRING, latest.type(), "the type is kept when an overwrite omits it");
        assertThrows(ParameterNotFoundException.class, () -> store.ssm().getParameter(b -> b.name("/app/weight:1")));
    }

    @Test
    void putOnAnExistingNameWithoutOverwriteFailsAndChangesNothing() {
        put("/app/flag", "on");

        ParameterAlreadyExistsException e =
                assertThrows(ParameterAlreadyExistsException.class, () -> put("/app/flag", "off"));

        assertEquals("ParameterAlreadyExists", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        Parameter p = store.ssm().getParameter(b -> b.name("/app/flag")).parameter();
        assertEquals("on", p.value());
        assertEquals(1L, p.version());
    }

    @Test
    void getOfAMissingParameterIsParameterNotFound() {
        ParameterNotFoundException e =
                assertThrows(ParameterNotFoundException.class, () -> store.ssm().getParameter(b -> b.name("/nope")));
        assertEquals("ParameterNotFound", e.awsErrorDetails().errorCode());
        assertTrue(e.getMessage().contains("/nope"), e.getMessage());
    }

    @Test
    void oneLevelNamesAreTheSameParameterWithOrWithoutTheLeadingSlash() {
        put("/toplevel", "v");

        assertEquals(
                "v",
                store.ssm().getParameter(b -> b.name("toplevel")).parameter().value());
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
        store.ssm().putParameter(b -> b.name("/app/list").value("a,b,c").type(ParameterType.STRING_LIST));
        store.ssm().putParameter(b -> b.name("/app/secret").value("s3cr3t").type(ParameterType.SECURE_STRING));

        assertEquals(
                ParameterType.STRING_LIST,
                store.ssm().getParameter(b -> b.name("/app/list")).parameter().type());
        Parameter secret = store.ssm()
                .getParameter(b -> b.name("/app/secret").withDecryption(true))
                .parameter();
        assertEquals(ParameterType.SECURE_STRING, secret.type());
        assertEquals("s3cr3t", secret.value());
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
        List<String> all = store
                .ssm()
                .getParametersByPathPaginator(b -> b.path("/many").maxResults(4))
                .stream()
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
                        versions.add(store.ssm()
                                .putParameter(b -> b.name("/concurrent/counter")
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
                    1L + (long) writers * writesEach,
                    store.ssm()
                            .getParameter(b -> b.name("/concurrent/counter"))
                            .parameter()
                            .version());
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private GetParametersByPathResponse byPath(String path, boolean recursive, Integer maxResults, String token) {
        return store.ssm()
                .getParametersByPath(GetParametersByPathRequest.builder()
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
