package dev.lambdarouter.localstack.ssm;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lambdarouter.testsupport.MotoServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.SsmException;
import software.amazon.awssdk.services.ssm.model.ValidationException;

/**
 * Conformance: the same SSM calls, made with the real SDK against {@code moto_server} (moto 5) and against the local
 * Parameter Store, give the same answers: names, values, types, versions, ARNs, tiers, pagination (page contents,
 * page sizes, NextToken presence) and error codes.
 *
 * <p>Where moto does not follow AWS, the comparison leaves the call out and
 * {@link #documentedDivergencesFromMoto} pins both sides down instead:
 * <ul>
 *   <li>moto does not enforce the value limit of the Standard tier (4096 characters); the local store does, as AWS.
 *   <li>moto accepts names AWS rejects (spaces, {@code a/b} without a leading slash).
 *   <li>moto returns a fake ciphertext ({@code kms:alias/aws/ssm:...}) for a SecureString read without decryption;
 *       the local store ignores {@code WithDecryption} and always returns the plain value (AWS returns a real
 *       ciphertext), so SecureStrings are compared with {@code WithDecryption=true}.
 * </ul>
 * Listings return parameters in creation order in both (AWS documents no order), and both give a {@code NextToken}
 * whenever a page is full, so an exactly full last page is followed by an empty one (AWS documents pages of
 * 0..MaxResults items).
 */
class ParameterStoreConformanceTest {
    private static MotoServer moto;
    private static SsmClient motoSsm;

    @TempDir
    Path dir;

    private LocalParameterStore local;
    private SsmClient localSsm;

    @BeforeAll
    static void startMoto() throws IOException, InterruptedException {
        moto = MotoServer.start();
        motoSsm = SsmClients.forEndpoint(moto.endpoint());
    }

    @AfterAll
    static void stopMoto() {
        if (motoSsm != null) {
            motoSsm.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @BeforeEach
    void startLocalAndResetMoto() throws IOException {
        moto.reset();
        local = LocalParameterStore.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), dir.resolve("state.json"));
        localSsm = SsmClients.forEndpoint(local.endpoint());
    }

    @AfterEach
    void stopLocal() {
        localSsm.close();
        local.close();
    }

    @Test
    void putOverwriteAndGetGiveTheSameParametersAndVersions() {
        assertSameAnswers(t -> {
            t.step(
                    "put a",
                    () -> putAnswer(t.ssm.putParameter(
                            b -> b.name("/cfg/app/a").value("alpha").type(ParameterType.STRING))));
            t.step(
                    "put list",
                    () -> putAnswer(t.ssm.putParameter(b -> b.name("/cfg/app/list")
                            .value("x,y")
                            .type(ParameterType.STRING_LIST)
                            .description("a list"))));
            t.step(
                    "put secure",
                    () -> putAnswer(t.ssm.putParameter(
                            b -> b.name("/cfg/app/secret").value("s3cr3t").type(ParameterType.SECURE_STRING))));
            t.step(
                    "put plain",
                    () -> putAnswer(t.ssm.putParameter(
                            b -> b.name("plainname").value("p").type(ParameterType.STRING))));
            t.step(
                    "put advanced",
                    () -> putAnswer(t.ssm.putParameter(b -> b.name("/cfg/adv")
                            .value("big")
                            .type(ParameterType.STRING)
                            .tier(ParameterTier.ADVANCED))));
            t.step(
                    "overwrite a",
                    () -> putAnswer(t.ssm.putParameter(
                            b -> b.name("/cfg/app/a").value("alpha2").overwrite(true))));
            t.step(
                    "overwrite a again",
                    () -> putAnswer(t.ssm.putParameter(b -> b.name("/cfg/app/a")
                            .value("alpha3")
                            .type(ParameterType.STRING)
                            .overwrite(true))));
            t.step(
                    "overwrite advanced without tier",
                    () -> putAnswer(t.ssm.putParameter(
                            b -> b.name("/cfg/adv").value("bigger").overwrite(true))));
            t.step(
                    "get a",
                    () -> describe(t.ssm.getParameter(b -> b.name("/cfg/app/a")).parameter()));
            t.step(
                    "get list",
                    () -> describe(
                            t.ssm.getParameter(b -> b.name("/cfg/app/list")).parameter()));
            t.step(
                    "get secure decrypted",
                    () -> describe(
                            t.ssm.getParameter(b -> b.name("/cfg/app/secret").withDecryption(true))
                                    .parameter()));
            t.step(
                    "get plain",
                    () -> describe(t.ssm.getParameter(b -> b.name("plainname")).parameter()));
            t.step(
                    "get plain with slash",
                    () -> describe(t.ssm.getParameter(b -> b.name("/plainname")).parameter()));
            t.step(
                    "put top-level with slash",
                    () -> putAnswer(t.ssm.putParameter(
                            b -> b.name("/toplevel").value("t").type(ParameterType.STRING))));
            t.step(
                    "get top-level without slash",
                    () -> describe(t.ssm.getParameter(b -> b.name("toplevel")).parameter()));
        });
    }

    @Test
    void errorsForMissingExistingAndInvalidParametersHaveTheSameCodes() {
        assertSameAnswers(t -> {
            t.step(
                    "setup",
                    () -> putAnswer(
                            t.ssm.putParameter(b -> b.name("/err/p").value("v").type(ParameterType.STRING))));
            t.step(
                    "get missing",
                    () -> describe(
                            t.ssm.getParameter(b -> b.name("/err/missing")).parameter()));
            t.step(
                    "get missing plain",
                    () -> describe(t.ssm.getParameter(b -> b.name("missing")).parameter()));
            t.step(
                    "put existing without overwrite",
                    () -> putAnswer(
                            t.ssm.putParameter(b -> b.name("/err/p").value("w").type(ParameterType.STRING))));
            t.step(
                    "value unchanged",
                    () -> describe(t.ssm.getParameter(b -> b.name("/err/p")).parameter()));
            t.step(
                    "put without type",
                    () -> putAnswer(
                            t.ssm.putParameter(b -> b.name("/err/untyped").value("v"))));
            t.step(
                    "put empty value",
                    () -> putAnswer(t.ssm.putParameter(
                            b -> b.name("/err/empty").value("").type(ParameterType.STRING))));
            t.step(
                    "put aws prefix",
                    () -> putAnswer(
                            t.ssm.putParameter(b -> b.name("awsname").value("v").type(ParameterType.STRING))));
            t.step(
                    "put ssm path",
                    () -> putAnswer(t.ssm.putParameter(
                            b -> b.name("/ssm/name").value("v").type(ParameterType.STRING))));
            t.step(
                    "put bad type",
                    () -> putAnswer(t.ssm.putParameter(
                            b -> b.name("/err/badtype").value("v").type("Number"))));
            t.step("by path max results 11", () -> page(t.ssm, "/err", true, 11, null));
        });
    }

    @Test
    void getParametersByPathListsAndPaginatesTheSame() {
        assertSameAnswers(t -> {
            t.step("setup", () -> {
                for (String name : List.of(
                        "/tree/r/b",
                        "/tree/r/a",
                        "/tree/r/deep/c",
                        "/tree/r/deep/deeper/d",
                        "/tree/r/e",
                        "/tree/r/f",
                        "/tree/other/g",
                        "/treex/h",
                        "rootplain",
                        "/rootslash")) {
                    t.ssm.putParameter(b -> b.name(name).value("v:" + name).type(ParameterType.STRING));
                }
                t.ssm.putParameter(b -> b.name("/tree/r/a").value("a2").overwrite(true));
                return "ok";
            });
            t.step("one level", () -> page(t.ssm, "/tree/r", false, null, null));
            t.step("one level, trailing slash", () -> page(t.ssm, "/tree/r/", false, null, null));
            t.step("recursive", () -> page(t.ssm, "/tree/r", true, null, null));
            t.step("recursive from /tree", () -> page(t.ssm, "/tree", true, null, null));
            t.step("root one level", () -> page(t.ssm, "/", false, null, null));
            t.step("root recursive", () -> page(t.ssm, "/", true, null, null));
            t.step("a leaf as path", () -> page(t.ssm, "/tree/r/a", true, null, null));
            t.step("nothing there", () -> page(t.ssm, "/nothing", true, null, null));
            for (int size = 1; size <= 7; size++) {
                int pageSize = size;
                t.step("all pages of " + size, () -> allPages(t.ssm, "/tree/r", true, pageSize));
            }
            t.step("all pages of 2, one level", () -> allPages(t.ssm, "/tree/r", false, 2));
            t.step(
                    "sdk paginator",
                    () -> t
                            .ssm
                            .getParametersByPathPaginator(
                                    b -> b.path("/").recursive(true).maxResults(3))
                            .stream()
                            .flatMap(r -> r.parameters().stream())
                            .map(Parameter::name)
                            .toList());
        });
    }

    @Test
    void historyAndDeleteGiveTheSameAnswers() {
        assertSameAnswers(t -> {
            t.step("setup", () -> {
                for (int i = 1; i <= 5; i++) {
                    String value = "v" + i;
                    t.ssm.putParameter(b -> b.name("/hist/a")
                            .value(value)
                            .type(ParameterType.STRING)
                            .overwrite(true));
                }
                t.ssm.putParameter(b -> b.name("/hist/b").value("b").type(ParameterType.STRING));
                return "ok";
            });
            t.step("history", () -> history(t.ssm, "/hist/a", null, null));
            for (int size = 1; size <= 6; size++) {
                int pageSize = size;
                t.step("history pages of " + size, () -> {
                    List<String> pages = new ArrayList<>();
                    String token = null;
                    do {
                        String page = history(t.ssm, "/hist/a", pageSize, token);
                        token = page.contains(" next=") ? page.substring(page.indexOf(" next=") + 6) : null;
                        pages.add(page.replaceAll(" next=.*", " +next"));
                    } while (token != null && pages.size() < 10);
                    return pages;
                });
            }
            t.step(
                    "delete a",
                    () -> t.ssm.deleteParameter(b -> b.name("/hist/a"))
                            .sdkHttpResponse()
                            .statusCode());
            t.step(
                    "get deleted",
                    () -> describe(t.ssm.getParameter(b -> b.name("/hist/a")).parameter()));
            t.step(
                    "delete again",
                    () -> t.ssm.deleteParameter(b -> b.name("/hist/a"))
                            .sdkHttpResponse()
                            .statusCode());
            t.step(
                    "put after delete",
                    () -> putAnswer(t.ssm.putParameter(
                            b -> b.name("/hist/a").value("new").type(ParameterType.STRING))));
            t.step("history after delete", () -> history(t.ssm, "/hist/a", null, null));
            t.step("delete several", () -> {
                var r = t.ssm.deleteParameters(b -> b.names("/hist/a", "/hist/none", "/hist/b"));
                return r.deletedParameters() + " invalid=" + r.invalidParameters();
            });
        });
    }

    private static String history(SsmClient ssm, String name, Integer maxResults, String token) {
        var r = ssm.getParameterHistory(b -> b.name(name).maxResults(maxResults).nextToken(token));
        return r.parameters().stream()
                        .map(p -> p.name() + " v" + p.version() + "=" + p.value() + " " + p.typeAsString() + " "
                                + p.tierAsString() + " " + p.dataType() + " dated=" + (p.lastModifiedDate() != null))
                        .toList()
                + (r.nextToken() != null ? " next=" + r.nextToken() : "");
    }

    @Test
    void documentedDivergencesFromMoto() {
        // Standard-tier value limit: AWS (and the local store) reject 4097 characters; moto accepts them.
        String value4097 = "x".repeat(4097);
        assertEquals(
                1L,
                motoSsm.putParameter(b -> b.name("/div/big").value(value4097).type(ParameterType.STRING))
                        .version());
        assertThrows(
                ValidationException.class,
                () -> localSsm.putParameter(
                        b -> b.name("/div/big").value(value4097).type(ParameterType.STRING)));

        // Name rules: AWS (and the local store) reject these; moto stores them.
        for (String name : List.of("/div/with space", "div/no-leading-slash")) {
            assertEquals(
                    1L,
                    motoSsm.putParameter(b -> b.name(name).value("v").type(ParameterType.STRING))
                            .version(),
                    name);
            assertThrows(
                    SsmException.class,
                    () -> localSsm.putParameter(b -> b.name(name).value("v").type(ParameterType.STRING)),
                    name);
        }

        // SecureString read without decryption: moto returns a fake ciphertext, the local store the plain value.
        for (SsmClient ssm : List.of(motoSsm, localSsm)) {
            ssm.putParameter(b -> b.name("/div/secret").value("s3cr3t").type(ParameterType.SECURE_STRING));
        }
        assertEquals(
                "kms:alias/aws/ssm:s3cr3t",
                motoSsm.getParameter(b -> b.name("/div/secret")).parameter().value());
        assertEquals(
                "s3cr3t",
                localSsm.getParameter(b -> b.name("/div/secret")).parameter().value());
    }

    // ---- transcript machinery ------------------------------------------------------------------------------------

    /** Runs one scenario against each server and compares the answers step by step. */
    private void assertSameAnswers(Consumer<Transcript> scenario) {
        Transcript expected = new Transcript(motoSsm);
        scenario.accept(expected);
        Transcript actual = new Transcript(localSsm);
        scenario.accept(actual);
        assertEquals(List.copyOf(expected.answers.keySet()), List.copyOf(actual.answers.keySet()), "steps");
        List<Executable> checks = new ArrayList<>();
        expected.answers.forEach((step, answer) ->
                checks.add(() -> assertEquals(answer, actual.answers.get(step), "step '" + step + "'")));
        assertAll(checks);
    }

    /** The answers of one server to a scenario: per step, the answer or the error code. */
    private static final class Transcript {
        final SsmClient ssm;
        final Map<String, String> answers = new LinkedHashMap<>();

        Transcript(SsmClient ssm) {
            this.ssm = ssm;
        }

        void step(String name, Supplier<Object> call) {
            String answer;
            try {
                answer = String.valueOf(call.get());
            } catch (SsmException e) {
                answer = "error " + e.awsErrorDetails().errorCode();
            }
            answers.put(name, answer);
        }
    }

    private static String putAnswer(software.amazon.awssdk.services.ssm.model.PutParameterResponse r) {
        return "version=" + r.version() + " tier=" + r.tierAsString();
    }

    private static String describe(Parameter p) {
        return p.name() + " type=" + p.typeAsString() + " value=" + p.value() + " version=" + p.version() + " dataType="
                + p.dataType() + " arn=" + p.arn() + " dated=" + (p.lastModifiedDate() != null);
    }

    private static String page(SsmClient ssm, String path, boolean recursive, Integer maxResults, String token) {
        GetParametersByPathResponse r = ssm.getParametersByPath(GetParametersByPathRequest.builder()
                .path(path)
                .recursive(recursive)
                .maxResults(maxResults)
                .nextToken(token)
                .build());
        List<String> described = r.parameters().stream()
                .map(ParameterStoreConformanceTest::describe)
                .toList();
        return described + " next=" + (r.nextToken() != null);
    }

    /** Walks the pages by hand: each page's names and whether it came with a NextToken. */
    private static List<String> allPages(SsmClient ssm, String path, boolean recursive, int maxResults) {
        List<String> pages = new ArrayList<>();
        String token = null;
        do {
            String current = token;
            GetParametersByPathResponse r = ssm.getParametersByPath(GetParametersByPathRequest.builder()
                    .path(path)
                    .recursive(recursive)
                    .maxResults(maxResults)
                    .nextToken(current)
                    .build());
            token = r.nextToken();
            pages.add(names(r.parameters()) + (token != null ? " +next" : ""));
        } while (token != null && pages.size() < 50);
        return pages;
    }

    private static List<String> names(List<Parameter> parameters) {
        return parameters.stream().map(Parameter::name).toList();
    }
}
