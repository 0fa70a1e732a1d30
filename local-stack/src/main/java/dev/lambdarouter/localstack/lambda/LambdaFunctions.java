package dev.lambdarouter.localstack.lambda;

import dev.lambdarouter.localstack.log.ConsoleLog;
import dev.lambdarouter.localstack.template.FunctionSpec;
import dev.lambdarouter.localstack.template.LocalAccount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local Lambda service: every function of the template with its pool of execution environments, looked up the
 * way the Invoke API addresses functions (logical ID, name, ARN, {@code name:qualifier}), invoked synchronously or
 * as an event.
 *
 * <p>Event invocations run in the background; a failed one is retried {@code EventInvokeConfig.MaximumRetryAttempts}
 * times (default 2) after 1 s and 2 s (Lambda waits about 1 and 2 minutes), a throttled one is retried every second
 * for up to 5 minutes. Failure destinations are not emulated: the final failure is logged.
 */
public final class LambdaFunctions implements AutoCloseable {

    private static final long ASYNC_THROTTLE_RETRY_MILLIS = 5 * 60 * 1000;

    private final LocalAccount account;
    private final Map<String, FunctionPool> pools;
    private final CodeArchives archives;
    private final ConsoleLog console;
    private final ExecutorService async = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lambda-event-invoke");
        t.setDaemon(true);
        return t;
    });

    private LambdaFunctions(
            LocalAccount account, Map<String, FunctionPool> pools, CodeArchives archives, ConsoleLog console) {
        this.account = account;
        this.pools = pools;
        this.archives = archives;
        this.console = console;
    }

    /**
     * Prepares the functions (unpacks their code and layers); environments start on the first invocation.
     *
     * @param functions       the functions to serve
     * @param stackVariables  variables every function gets (the stack's endpoints)
     * @param overrides       per function (logical ID or name): variables that win over everything else
     * @param maxEnvironments the most JVMs one function may run at a time
     * @param initLimit       how long JVM start plus handler initialisation may take (at least; a function's
     *                        {@code Timeout}, when longer, applies instead); an environment not ready by then is
     *                        destroyed and the invocation fails with {@code Sandbox.Timedout}
     * @throws IOException when a function's code or a layer is missing or unreadable
     */
    public static LambdaFunctions start(
            List<FunctionSpec> functions,
            LocalAccount account,
            Map<String, String> stackVariables,
            Map<String, Map<String, String>> overrides,
            int maxEnvironments,
            Duration initLimit,
            ConsoleLog console)
            throws IOException {
        if (maxEnvironments < 1) {
            throw new IllegalArgumentException("maxEnvironments must be >= 1");
        }
        CodeArchives archives = new CodeArchives();
        try {
            Map<String, FunctionPool> pools = new LinkedHashMap<>();
            for (FunctionSpec spec : functions) {
                Map<String, String> own = new LinkedHashMap<>();
                own.putAll(overrides.getOrDefault(spec.logicalId(), Map.of()));
                own.putAll(overrides.getOrDefault(spec.functionName(), Map.of()));
                Map<String, String> env = FunctionEnvironment.of(spec, account, stackVariables, own);
                pools.put(
                        spec.logicalId(),
                        new FunctionPool(
                                spec,
                                env,
                                archives.classPath(spec.functionName(), spec.codeUri(), spec.layers()),
                                initLimit,
                                console,
                                maxEnvironments));
            }
            return new LambdaFunctions(account, pools, archives, console);
        } catch (IOException | RuntimeException e) {
            archives.close();
            throw e;
        }
    }

    /** The functions, in template order. */
    public List<FunctionSpec> functions() {
        return pools.values().stream().map(FunctionPool::spec).toList();
    }

    /**
     * Looks a function up as the Invoke API names it.
     *
     * @param reference logical ID, function name, full or partial ARN, each optionally with {@code :qualifier}
     * @param qualifier the {@code Qualifier} query parameter, or {@code null}
     * @return empty when no such function (or version/alias) exists
     * @throws IllegalArgumentException when the name's qualifier and {@code qualifier} disagree
     */
    public Optional<FunctionTarget> resolve(String reference, String qualifier) {
        String name = reference;
        String embedded = null;
        int functionMarker = name.indexOf(":function:");
        if (functionMarker >= 0) {
            name = name.substring(functionMarker + ":function:".length());
        }
        int colon = name.indexOf(':');
        if (colon >= 0) {
            embedded = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        if (embedded != null && qualifier != null && !embedded.equals(qualifier)) {
            throw new IllegalArgumentException(
                    "The derived qualifier from the function name does not match the " + "specified qualifier.");
        }
        String effective = embedded != null ? embedded : qualifier;
        for (FunctionPool pool : pools.values()) {
            FunctionSpec spec = pool.spec();
            if (spec.logicalId().equals(name) || spec.functionName().equals(name)) {
                if (!knownQualifier(spec, effective)) {
                    return Optional.empty();
                }
                String arn = account.functionArn(spec.functionName()) + (effective == null ? "" : ":" + effective);
                return Optional.of(new FunctionTarget(spec, effective, arn));
            }
        }
        return Optional.empty();
    }

    public LocalAccount account() {
        return account;
    }

    /** Invokes synchronously (RequestResponse). */
    public InvocationResult invoke(FunctionTarget target, byte[] payload) throws ThrottledException {
        return pool(target).invoke(UUID.randomUUID().toString(), target.invokedArn(), payload);
    }

    /** Queues an event invocation and returns its request id at once. */
    public String invokeAsync(FunctionTarget target, byte[] payload) {
        String requestId = UUID.randomUUID().toString();
        FunctionPool pool = pool(target);
        async.execute(() -> runEvent(pool, target, requestId, payload));
        return requestId;
    }

    private void runEvent(FunctionPool pool, FunctionTarget target, String requestId, byte[] payload) {
        String name = target.spec().functionName();
        int attempts = 1 + Math.max(0, target.spec().asyncRetries());
        long throttledSince = 0;
        for (int attempt = 1; attempt <= attempts; ) {
            InvocationResult result;
            try {
                result = pool.invoke(requestId, target.invokedArn(), payload);
            } catch (ThrottledException e) {
                long now = System.currentTimeMillis();
                throttledSince = throttledSince == 0 ? now : throttledSince;
                if (now - throttledSince > ASYNC_THROTTLE_RETRY_MILLIS) {
                    console.line(name, "event " + requestId + " dropped: throttled for 5 minutes (" + e.reason() + ")");
                    return;
                }
                if (!sleep(1000)) {
                    return;
                }
                continue;
            }
            if (!result.failed()) {
                return;
            }
            console.line(
                    name,
                    "event " + requestId + " failed (attempt " + attempt + " of " + attempts + "): "
                            + new String(result.payload(), StandardCharsets.UTF_8));
            if (attempt == attempts) {
                console.line(
                        name,
                        "event " + requestId + " discarded after " + attempts
                                + " attempts (on-failure destinations are not emulated locally)");
                return;
            }
            if (!sleep(1000L * attempt)) {
                return;
            }
            attempt++;
        }
    }

    private FunctionPool pool(FunctionTarget target) {
        FunctionPool pool = pools.get(target.spec().logicalId());
        if (pool == null) {
            throw new IllegalArgumentException(
                    "not a function of this stack: " + target.spec().logicalId());
        }
        return pool;
    }

    private static boolean knownQualifier(FunctionSpec spec, String qualifier) {
        return qualifier == null
                || qualifier.equals("$LATEST")
                || qualifier.equals(spec.alias())
                || qualifier.matches("[1-9][0-9]{0,8}");
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops every execution environment and deletes the unpacked code. */
    @Override
    public void close() {
        async.shutdownNow();
        pools.values().parallelStream().forEach(FunctionPool::close);
        archives.close();
    }
}
