package dev.lambdarouter.localstack.lambda;

import dev.lambdarouter.localstack.log.ConsoleLog;
import dev.lambdarouter.localstack.template.FunctionSpec;
import dev.lambdarouter.localstack.template.LocalAccount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local Lambda service: every function of the template with its pool of execution environments, looked up the
 * way the Invoke API addresses functions, invoked synchronously or as an event (in the background; a failed one is
 * retried {@code MaximumRetryAttempts} times after 1 s and 2 s where Lambda waits minutes, a throttled one every
 * second for up to 5 minutes; failure destinations are not emulated: the final failure is logged).
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
     * {@code stackVariables} go to every function, {@code overrides} (by logical ID or name) win over everything;
     * {@code initLimit} is the least time JVM start plus handler init may take (see {@link ExecutionEnvironment}).
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
        CodeArchives archives = new CodeArchives();
        try {
            Map<String, FunctionPool> pools = new LinkedHashMap<>();
            for (FunctionSpec spec : functions) {
                Map<String, String> env = environment(spec, account, stackVariables);
                env.putAll(overrides.getOrDefault(spec.logicalId(), Map.of()));
                env.putAll(overrides.getOrDefault(spec.functionName(), Map.of()));
                List<java.nio.file.Path> classPath =
                        archives.classPath(spec.functionName(), spec.codeUri(), spec.layers());
                pools.put(
                        spec.logicalId(), new FunctionPool(spec, env, classPath, initLimit, console, maxEnvironments));
            }
            return new LambdaFunctions(account, pools, archives, console);
        } catch (IOException | RuntimeException e) {
            archives.close();
            throw e;
        }
    }

    /**
     * A function's environment variables before the user's overrides (later wins): {@code PATH}, {@code LANG},
     * {@code TZ} as Lambda sets them; the template's variables; what Lambda itself sets; the stack's endpoints, which
     * replace the regional endpoints a template may declare. Nothing of the stack's own environment is passed on.
     */
    private static Map<String, String> environment(
            FunctionSpec spec, LocalAccount account, Map<String, String> stackVariables) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", "UTC");
        env.putAll(spec.environment());
        env.put("AWS_REGION", account.region());
        env.put("AWS_DEFAULT_REGION", account.region());
        env.put("AWS_ACCESS_KEY_ID", "local-stack");
        env.put("AWS_SECRET_ACCESS_KEY", "local-stack");
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.functionName());
        env.put(
                "AWS_LAMBDA_LOG_STREAM_NAME",
                LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd")) + "/[$LATEST]local");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + spec.runtime());
        env.put("_HANDLER", spec.handler());
        if ("JSON".equalsIgnoreCase(spec.logging().format())) {
            env.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
            if (spec.logging().applicationLevel() != null) {
                env.put("AWS_LAMBDA_LOG_LEVEL", spec.logging().applicationLevel());
            }
        }
        env.putAll(stackVariables);
        return env;
    }

    /** The functions, in template order. */
    public List<FunctionSpec> functions() {
        return pools.values().stream().map(FunctionPool::spec).toList();
    }

    /**
     * Looks a function up as the Invoke API names it: logical ID, function name, full or partial ARN, each
     * optionally with {@code :qualifier}; {@code qualifier} is the {@code Qualifier} query parameter, or {@code null}.
     *
     * @return empty when no such function (or version/alias) exists
     * @throws IllegalArgumentException when the name's qualifier and {@code qualifier} disagree
     */
    public Optional<FunctionTarget> resolve(String reference, String qualifier) {
        int marker = reference.indexOf(":function:");
        String name = marker < 0 ? reference : reference.substring(marker + ":function:".length());
        int colon = name.indexOf(':');
        String embedded = colon < 0 ? null : name.substring(colon + 1);
        String bare = colon < 0 ? name : name.substring(0, colon);
        if (embedded != null && qualifier != null && !embedded.equals(qualifier)) {
            throw new IllegalArgumentException(
                    "The derived qualifier from the function name does not match the specified qualifier.");
        }
        String effective = embedded != null ? embedded : qualifier;
        boolean known = effective == null || effective.equals("$LATEST") || effective.matches("[1-9][0-9]{0,8}");
        return pools.values().stream()
                .map(FunctionPool::spec)
                .filter(spec ->
                        spec.logicalId().equals(bare) || spec.functionName().equals(bare))
                .findFirst()
                .filter(spec -> known || effective.equals(spec.alias()))
                .map(spec -> new FunctionTarget(
                        spec,
                        effective,
                        account.functionArn(spec.functionName()) + (effective == null ? "" : ":" + effective)));
    }

    public LocalAccount account() {
        return account;
    }

    public InvocationResult invoke(FunctionTarget target, byte[] payload) throws ThrottledException {
        return pools.get(target.spec().logicalId()).invoke(UUID.randomUUID().toString(), target.invokedArn(), payload);
    }

    /** Queues an event invocation and returns its request id at once. */
    public String invokeAsync(FunctionTarget target, byte[] payload) {
        String requestId = UUID.randomUUID().toString();
        FunctionPool pool = pools.get(target.spec().logicalId());
        async.execute(() -> runEvent(pool, target, requestId, payload));
        return requestId;
    }

    private void runEvent(FunctionPool pool, FunctionTarget target, String requestId, byte[] payload) {
        String name = target.spec().functionName();
        int attempts = 1 + Math.max(0, target.spec().asyncRetries());
        long throttledSince = 0;
        try {
            for (int attempt = 1; ; ) {
                try {
                    InvocationResult result = pool.invoke(requestId, target.invokedArn(), payload);
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
                    Thread.sleep(1000L * attempt++);
                } catch (ThrottledException e) {
                    long now = System.currentTimeMillis();
                    throttledSince = throttledSince == 0 ? now : throttledSince;
                    if (now - throttledSince > ASYNC_THROTTLE_RETRY_MILLIS) {
                        console.line(
                                name, "event " + requestId + " dropped: throttled for 5 minutes (" + e.reason + ")");
                        return;
                    }
                    Thread.sleep(1000);
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
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
