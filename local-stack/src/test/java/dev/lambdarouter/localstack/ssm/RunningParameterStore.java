package dev.lambdarouter.localstack.ssm;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * A local Parameter Store on a free loopback port with its own state file, and a real SDK client for it, fresh for
 * each test: {@code @RegisterExtension final RunningParameterStore store = new RunningParameterStore();}.
 */
final class RunningParameterStore implements BeforeEachCallback, AfterEachCallback {
    private Path directory;
    private LocalParameterStore store;
    private SsmClient ssm;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        directory = Files.createTempDirectory("parameter-store");
        open();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        shut();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** The SDK client of the running store (a new one after {@link #restart()}). */
    SsmClient ssm() {
        return ssm;
    }

    URI endpoint() {
        return store.endpoint();
    }

    /** Stops the store and starts it again on the same state file, as a restart of the stack would. */
    void restart() throws IOException {
        shut();
        open();
    }

    private void open() throws IOException {
        store = LocalParameterStore.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), directory.resolve("state.json"));
        ssm = SsmClients.forEndpoint(store.endpoint());
    }

    private void shut() {
        ssm.close();
        store.close();
    }
}
