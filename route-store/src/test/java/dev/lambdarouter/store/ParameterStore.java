package dev.lambdarouter.store;

import dev.lambdarouter.engine.ConfigLayout;
import dev.lambdarouter.testsupport.MotoServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;

/**
 * A moto_server for one test class, a fresh prefix per test, and an SSM client whose PutParameter calls are recorded.
 * Register it as {@code @RegisterExtension static final ParameterStore ssm = new ParameterStore();}.
 */
final class ParameterStore implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private final List<String> puts = new ArrayList<>();
    private MotoServer server;
    private SsmClient client;
    private ConfigLayout layout;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
        server = MotoServer.start();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution call, ExecutionAttributes attributes) {
                if (call.request() instanceof PutParameterRequest put) {
                    synchronized (puts) {
                        puts.add(put.name());
                    }
                }
            }
        };
        client = SsmClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(MotoServer.CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(recorder))
                .build();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        layout = new ConfigLayout("/lambda-router/store-test" + PREFIXES.incrementAndGet());
        synchronized (puts) {
            puts.clear();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        client.close();
        server.close();
    }

    ConfigLayout layout() {
        return layout;
    }

    SsmClient client() {
        return client;
    }

    /** Parameter names of the PutParameter calls since the test started (the test's own {@link #put} included). */
    List<String> puts() {
        synchronized (puts) {
            return List.copyOf(puts);
        }
    }

    void put(String name, String value) {
        client.putParameter(
                r -> r.name(name).value(value).type(ParameterType.STRING).overwrite(true));
    }

    Optional<String> value(String name) {
        try {
            return Optional.of(
                    client.getParameter(r -> r.name(name)).parameter().value());
        } catch (ParameterNotFoundException e) {
            return Optional.empty();
        }
    }
}
