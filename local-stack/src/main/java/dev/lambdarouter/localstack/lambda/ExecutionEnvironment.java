package dev.lambdarouter.localstack.lambda;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.lambdarouter.localstack.bootstrap.RuntimeBootstrap;
import dev.lambdarouter.localstack.log.ConsoleLog;
import dev.lambdarouter.localstack.template.FunctionSpec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One execution environment: a JVM running {@code RuntimeBootstrap} with the function's environment variables,
 * class path and handler, connected to the stack over a loopback socket. It serves one invocation at a time and is
 * reused while warm. A timed-out or crashed environment is destroyed, as Lambda does. Its stdout and stderr go to
 * the console, prefixed with {@code [function-name/env-N]}.
 */
final class ExecutionEnvironment implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    final String label;
    final Process process;
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private volatile boolean usable = true;

    private ExecutionEnvironment(String label, Process process, Socket socket) throws IOException {
        this.label = label;
        this.process = process;
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
    }

    /** A new environment could not be started or its handler failed to initialise. */
    static final class StartFailure extends Exception {
        private static final long serialVersionUID = 1L;

        /** The error document the invocation that needed the environment answers with. */
        final byte[] errorDocument;

        StartFailure(byte[] errorDocument, String message) {
            super(message);
            this.errorDocument = errorDocument;
        }

        StartFailure(String errorType, String errorMessage, String message) {
            this(InvocationResult.errorDocument(errorType, errorMessage), message);
        }
    }

    /**
     * Starts the function's JVM with exactly {@code env} (a cold start, logged with its init duration) and waits
     * until the handler is initialised, for at most the longer of {@code minInitLimit} and the function's timeout.
     * The JVM's class path holds only the runtime bootstrap and {@code aws-lambda-java-serialization}, as the managed
     * runtime's does; {@code launched} is told of the JVM at once, so the pool can destroy it if the stack stops.
     */
    static ExecutionEnvironment start(
            FunctionSpec function,
            int number,
            Map<String, String> env,
            List<Path> classPath,
            Duration minInitLimit,
            ConsoleLog console,
            Consumer<Process> launched)
            throws StartFailure {
        String label = function.functionName() + "/env-" + number;
        console.line(label, "INIT_START cold start: starting a JVM for " + function.handler());
        Duration timeout = Duration.ofSeconds(function.timeoutSeconds());
        Duration initLimit = timeout.compareTo(minInitLimit) > 0 ? timeout : minInitLimit;
        long started = System.nanoTime();
        long deadline = started + initLimit.toNanos();
        String token = HexFormat.of().formatHex(RANDOM.generateSeed(16));
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC",
                    "-Xshare:auto",
                    "-XX:-UsePerfData",
                    "-XX:MaxHeapSize=" + Math.max(64, function.memoryMb() * 85 / 100) + "m",
                    "-XX:+ExitOnOutOfMemoryError",
                    "-Dfile.encoding=UTF-8",
                    "-Djava.net.preferIPv4Stack=true",
                    "-cp",
                    codeSource(RuntimeBootstrap.class) + File.pathSeparator + codeSource(LambdaEventSerializers.class),
                    RuntimeBootstrap.class.getName(),
                    Integer.toString(server.getLocalPort()),
                    token,
                    function.handler(),
                    String.join(
                            File.pathSeparator,
                            classPath.stream().map(Path::toString).toList()));
            builder.environment().clear();
            builder.environment().putAll(env);
            Process process = builder.start();
            launched.accept(process);
            pump(process.getInputStream(), label, console);
            pump(process.getErrorStream(), label, console);
            Socket socket = null;
            boolean ready = false;
            try {
                // A JVM that exits before it connects closes the port: accept fails at once instead of at the deadline.
                var unused = process.onExit().thenRun(() -> closeQuietly(server));
                server.setSoTimeout(remainingMillis(deadline));
                socket = server.accept();
                socket.setTcpNoDelay(true);
                DataInputStream handshake = new DataInputStream(socket.getInputStream());
                socket.setSoTimeout(remainingMillis(deadline));
                if (!token.equals(handshake.readUTF())) {
                    throw new IOException("an unknown process connected to the runtime port");
                }
                if (!handshake.readBoolean()) {
                    byte[] error = RuntimeBootstrap.readBytes(handshake);
                    throw new StartFailure(
                            error,
                            label + ": the handler failed to initialise: " + new String(error, StandardCharsets.UTF_8));
                }
                double handlerInit = handshake.readLong() / 1e6;
                double init = (System.nanoTime() - started) / 1e6;
                socket.setSoTimeout(0);
                ExecutionEnvironment environment = new ExecutionEnvironment(label, process, socket);
                console.line(
                        label,
                        String.format(
                                Locale.ROOT,
                                "INIT_REPORT Init Duration: %.2f ms (cold start: JVM start %.2f ms, handler init %.2f ms)",
                                init,
                                init - handlerInit,
                                handlerInit));
                ready = true;
                return environment;
            } catch (SocketTimeoutException e) {
                throw new StartFailure(
                        InvocationResult.TIMED_OUT,
                        "Init phase timed out after " + seconds(initLimit) + " seconds",
                        label + ": init timed out");
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new StartFailure(
                            "Runtime.ExitError",
                            "Runtime exited with error: " + exitStatus(process),
                            label + ": the runtime exited during init (" + exitStatus(process) + ")");
                }
                throw e;
            } finally {
                if (!ready) {
                    // Whatever went wrong, connected or not: an environment that never became ready leaves no JVM.
                    if (socket != null) {
                        socket.close();
                    }
                    kill(process);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new StartFailure(
                    "Runtime.Unknown",
                    "cannot start an execution environment: " + e.getMessage(),
                    label + ": cannot start an execution environment: " + e);
        }
    }

    /** Runs one invocation; a timeout ({@code Sandbox.Timedout}) or a crash ({@code Runtime.ExitError}) also destroys
     * this environment. */
    InvocationResult invoke(String requestId, String invokedArn, byte[] payload, Duration timeout) {
        try {
            out.writeUTF(requestId);
            out.writeUTF(invokedArn);
            out.writeLong(System.currentTimeMillis() + timeout.toMillis());
            RuntimeBootstrap.writeBytes(out, payload);
            out.flush();
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            boolean ok = in.readBoolean();
            byte[] body = RuntimeBootstrap.readBytes(in);
            return ok ? new InvocationResult(requestId, body, false, null) : InvocationResult.failure(requestId, body);
        } catch (SocketTimeoutException e) {
            process.destroyForcibly();
            close();
            return InvocationResult.failure(
                    requestId, InvocationResult.TIMED_OUT, "Task timed out after " + seconds(timeout) + " seconds");
        } catch (IOException e) {
            close();
            return InvocationResult.failure(
                    requestId, "Runtime.ExitError", "Runtime exited with error: " + exitStatus(process));
        }
    }

    boolean usable() {
        return usable && process.isAlive();
    }

    /** Stops the JVM: SIGTERM first (shutdown hooks run, as on Lambda's shutdown phase), then SIGKILL. */
    @Override
    public void close() {
        usable = false;
        closeQuietly(socket);
        process.destroy();
        process.onExit().orTimeout(2, TimeUnit.SECONDS).exceptionally(timeout -> process.destroyForcibly());
    }

    /** Kills the JVM and whatever it started, and waits (briefly) until the JVM is gone. */
    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the JVM has exited, killing it if it is still there at the deadline. */
    void awaitExit(long deadlineNanos) {
        try {
            if (!process.waitFor(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                process.destroyForcibly().waitFor(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot locate the jar or directory of " + type.getName(), e);
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static int remainingMillis(long deadlineNanos) {
        return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    private static void pump(InputStream stream, String label, ConsoleLog console) {
        Thread thread = new Thread(
                () -> {
                    try (BufferedReader reader =
                            new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                        reader.lines().forEach(line -> console.line(label, line));
                    } catch (IOException | java.io.UncheckedIOException ignored) {
                        // the process is gone
                    }
                },
                "log-" + label);
        thread.setDaemon(true);
        thread.start();
    }

    private static String exitStatus(Process process) {
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                return "exit status " + process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "the runtime stopped answering";
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f", duration.toMillis() / 1000.0);
    }
}
