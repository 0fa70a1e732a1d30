package dev.lambdarouter.localstack.ssm;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local AWS Systems Manager Parameter Store: the SSM API subset the router and the AWS CLI use, over the real
 * wire protocol (AWS JSON 1.1), so the SDK reaches it with {@code AWS_ENDPOINT_URL_SSM=}{@link #endpoint()}.
 *
 * <p>Operations: {@code GetParameter} (also {@code name:version} and by ARN), {@code GetParameters},
 * {@code GetParametersByPath} (recursive, paginated; {@code ParameterFilters} key {@code Type}),
 * {@code PutParameter} (overwrite, versions, Standard/Advanced/Intelligent-Tiering with the 4096/8192-character
 * value limits, name rules), {@code DeleteParameter}, {@code DeleteParameters}, {@code DescribeParameters}.
 * Not emulated: KMS encryption ({@code SecureString} values are stored in plain text and {@code WithDecryption} is
 * ignored), labels, tags, policies, {@code GetParameterHistory}; unknown operations answer
 * {@code UnknownOperationException}.
 *
 * <p>Every change is written to the state file (atomically) before it is answered, and the file is read on start,
 * so edits survive a restart. Thread-safe.
 */
public final class LocalParameterStore implements AutoCloseable {
    /**
     * The JDK HTTP server leaves Nagle's algorithm on: each answer (headers, then body) then waits for the client's
     * delayed ACK, about 40 ms per call. The server reads this property once, when the first server of the JVM
     * starts; a value set on the command line wins.
     */
    static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService executor;
    private final ParameterTable table;
    private final URI endpoint;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalParameterStore(HttpServer server, ExecutorService executor, ParameterTable table) {
        this.server = server;
        this.executor = executor;
        this.table = table;
        this.endpoint = endpointOf(server.getAddress());
    }

    /**
     * Loads {@code stateFile} (which need not exist yet) and starts serving on {@code bind} (port 0 picks a free
     * port).
     *
     * @throws IOException when the state file is unreadable or the address cannot be bound
     */
    public static LocalParameterStore start(InetSocketAddress bind, Path stateFile) throws IOException {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(stateFile, "stateFile");
        ParameterTable table = new ParameterTable(new StateFile(stateFile), Clock.systemUTC());
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
        HttpServer server;
        try {
            server = HttpServer.create(bind, 0);
        } catch (BindException e) {
            throw e; // the caller knows which option chose the port
        } catch (IOException e) {
            throw new IOException("Cannot start the local Parameter Store on " + bind + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "local-ssm-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", new SsmHttpHandler(new SsmOperations(table)));
        server.setExecutor(executor);
        server.start();
        return new LocalParameterStore(server, executor, table);
    }

    /** The base URL to give the SDK ({@code endpointOverride}) or the AWS CLI ({@code --endpoint-url}). */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Creates each parameter as a {@code String} in the Standard tier, but only where no parameter of that name exists
     * yet: edits made since an earlier start are kept. Changes are saved to the state file.
     *
     * @throws IllegalArgumentException when a name or value breaks Parameter Store's rules (nothing is created then)
     */
    public void seed(Map<String, String> stringParameters) {
        table.seed(Objects.requireNonNull(stringParameters, "stringParameters"));
    }

    /**
     * The current value of every parameter under {@code path} at any depth ({@code "/"} for all), by name, sorted by
     * name.
     *
     * @throws IllegalArgumentException when {@code path} is not a hierarchy path (does not start with {@code /})
     */
    public Map<String, String> parametersByPath(String path) {
        Objects.requireNonNull(path, "path");
        try {
            ParameterNames.validatePath(path);
        } catch (SsmError e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return Collections.unmodifiableMap(table.valuesUnder(path));
    }

    /** Stops serving at once. The state file already holds every change. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private static URI endpointOf(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host;
        if (ip == null || ip.isAnyLocalAddress()) {
            host = "127.0.0.1";
        } else if (ip instanceof Inet6Address) {
            String literal = ip.getHostAddress();
            int scope = literal.indexOf('%');
            host = "[" + (scope < 0 ? literal : literal.substring(0, scope)) + "]";
        } else {
            host = ip.getHostAddress();
        }
        return URI.create("http://" + host + ":" + address.getPort());
    }
}
