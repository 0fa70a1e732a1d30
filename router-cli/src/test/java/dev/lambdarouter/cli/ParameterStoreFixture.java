package dev.lambdarouter.cli;

import dev.lambdarouter.testsupport.MotoServer;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * A moto_server for one test class, a fresh prefix per test, and in-process CLI runs against it whose
 * PutParameter calls are recorded. Register it as {@code @RegisterExtension static final ParameterStoreFixture store
 * = new ParameterStoreFixture();}: it starts moto before the class, resets the prefix before each test (before the
 * class's own {@code @BeforeEach} methods) and stops moto after the class.
 */
final class ParameterStoreFixture implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private MotoServer server;
    private SsmClient client;
    private String prefix;
    private RecordedCalls calls;
    private ExecutionInterceptor extra;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
        server = MotoServer.start();
        client = server.ssmClient();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        reset();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        client.close();
        server.close();
    }

    /** A new, empty prefix and a new call record. */
    void reset() {
        prefix = "/lambda-router/test" + PREFIXES.incrementAndGet();
        calls = new RecordedCalls();
        extra = new ExecutionInterceptor() {};
    }

    /** Adds {@code interceptor} to the CLI's clients in the runs that follow (until the next test). */
    void intercept(ExecutionInterceptor interceptor) {
        extra = interceptor;
    }

    String prefix() {
        return prefix;
    }

    String route(String relativeName) {
        return prefix + "/routes/" + relativeName;
    }

    String versionParameter() {
        return prefix + "/version";
    }

    /** The routers' allowlist as the stack writes it. */
    String allowedFunctionsParameter() {
        return prefix + "/allowed-functions";
    }

    /** Runs {@code routes command --endpoint-url ... --region us-east-1 --prefix ... args...}. */
    CliRun run(String command, String... args) {
        return run(Map.of(), command, args);
    }

    /** As {@link #run(String, String...)}, with {@code environment} as the CLI's environment variables. */
    CliRun run(Map<String, String> environment, String command, String... args) {
        List<String> all = new ArrayList<>(List.of(
                command, "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1", "--prefix", prefix));
        all.addAll(List.of(args));
        return runExactly(environment, all);
    }

    /** Runs {@code routes args...} against this moto (credentials only; no options added). */
    CliRun runExactly(Map<String, String> environment, List<String> args) {
        RecordedCalls recorder = calls;
        ExecutionInterceptor added = extra;
        return CliRun.of(
                new SsmClients(builder -> builder.credentialsProvider(MotoServer.CREDENTIALS)
                        .overrideConfiguration(
                                o -> o.addExecutionInterceptor(recorder).addExecutionInterceptor(added))),
                environment,
                args);
    }

    /** Parameter names of the PutParameter calls the CLI made since {@link #reset()}, in order. */
    List<String> puts() {
        return calls.puts();
    }

    void put(String name, String value) {
        client.putParameter(
                r -> r.name(name).value(value).type(ParameterType.STRING).overwrite(true));
    }

    /** When {@code name} was last written (LastModifiedDate, as Parameter Store reports it). */
    Instant modified(String name) {
        return client.getParameter(r -> r.name(name)).parameter().lastModifiedDate();
    }

    Optional<String> value(String name) {
        try {
            return Optional.of(
                    client.getParameter(r -> r.name(name)).parameter().value());
        } catch (ParameterNotFoundException e) {
            return Optional.empty();
        }
    }

    String endpoint() {
        return server.endpoint().toString();
    }

    SsmClient client() {
        return client;
    }
}
