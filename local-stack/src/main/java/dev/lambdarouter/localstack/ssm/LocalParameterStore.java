package dev.lambdarouter.localstack.ssm;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local AWS Systems Manager Parameter Store: the SSM API subset the router, {@code scripts/routes} and the
 * documented AWS CLI commands use ({@link SsmHttpHandler}), over the real wire protocol, so the SDK reaches it with
 * {@code AWS_ENDPOINT_URL_SSM=}{@link #endpoint()}. Not emulated: KMS ({@code SecureString} values are stored in
 * plain text), labels, tags, policies, describing parameters.
 *
 * <p>Every change is written to the state file (atomically) before it is answered, and the file is read on start,
 * so edits survive a restart. Thread-safe.
 */
public final class LocalParameterStore implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final ParameterTable table;

    private LocalParameterStore(HttpServer server, ExecutorService executor, ParameterTable table) {
        this.server = server;
        this.executor = executor;
        this.table = table;
    }

    /**
     * Loads {@code stateFile} (which need not exist yet) and starts serving on {@code bind} (port 0 picks a free
     * port).
     *
     * @throws IOException when the state file is unreadable or the address cannot be bound
     */
    public static LocalParameterStore start(InetSocketAddress bind, Path stateFile) throws IOException {
        ParameterTable table = new ParameterTable(new StateFile(stateFile), Clock.systemUTC());
        HttpServer server = HttpServer.create(bind, 0);
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "local-ssm");
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", new SsmHttpHandler(table));
        server.setExecutor(executor);
        server.start();
        return new LocalParameterStore(server, executor, table);
    }

    /** The base URL to give the SDK ({@code endpointOverride}) or the AWS CLI ({@code --endpoint-url}). */
    public URI endpoint() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    /**
     * Creates each parameter as a {@code String} in the Standard tier, but only where no parameter of that name exists
     * yet: edits made since an earlier start are kept. Changes are saved to the state file.
     *
     * @throws IllegalArgumentException when a name or value breaks Parameter Store's rules (nothing is created then)
     */
    public void seed(Map<String, String> stringParameters) {
        table.seed(stringParameters);
    }

    /** Stops serving at once. The state file already holds every change. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
