package dev.lambdarouter.localstack.template;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Lambda function as the template deploys it, resolved (Globals merged, intrinsics evaluated): {@code functionName}
 * is {@code FunctionName} or the logical ID, {@code runtime} is informational (the stack runs the JVM it runs on),
 * {@code reservedConcurrency} is {@code null} when unreserved, {@code alias} is {@code AutoPublishAlias} or
 * {@code null}, {@code asyncRetries} is {@code EventInvokeConfig.MaximumRetryAttempts} (default 2, as in Lambda).
 */
public record FunctionSpec(
        String logicalId,
        String functionName,
        String handler,
        String runtime,
        Path codeUri,
        List<Path> layers,
        Map<String, String> environment,
        int memoryMb,
        int timeoutSeconds,
        Integer reservedConcurrency,
        String alias,
        LoggingSpec logging,
        int asyncRetries) {

    public FunctionSpec {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(codeUri, "codeUri");
        layers = List.copyOf(layers);
        environment = Map.copyOf(environment);
        logging = logging == null ? LoggingSpec.TEXT : logging;
        if (memoryMb < 128 || memoryMb > 10240) {
            throw new TemplateException(logicalId + ": MemorySize must be 128..10240 MB, got " + memoryMb);
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 900) {
            throw new TemplateException(logicalId + ": Timeout must be 1..900 seconds, got " + timeoutSeconds);
        }
        if (reservedConcurrency != null && reservedConcurrency < 0) {
            throw new TemplateException(logicalId + ": ReservedConcurrentExecutions must be >= 0");
        }
    }

    /** A copy with another reserved concurrency ({@code null}: unreserved). */
    public FunctionSpec withReservedConcurrency(Integer reserved) {
        return new FunctionSpec(
                logicalId,
                functionName,
                handler,
                runtime,
                codeUri,
                layers,
                environment,
                memoryMb,
                timeoutSeconds,
                reserved,
                alias,
                logging,
                asyncRetries);
    }

    /**
     * The function's {@code LoggingConfig}.
     *
     * @param format           {@code Text} or {@code JSON}
     * @param applicationLevel {@code ApplicationLogLevel} (JSON only), or {@code null}
     * @param systemLevel      {@code SystemLogLevel} (JSON only), or {@code null}
     */
    public record LoggingSpec(String format, String applicationLevel, String systemLevel) {
        public static final LoggingSpec TEXT = new LoggingSpec("Text", null, null);

        /** Whether the platform's per-invocation lines (START, END, REPORT) are logged at this level. */
        public boolean platformReports() {
            return systemLevel == null || systemLevel.equals("INFO") || systemLevel.equals("DEBUG");
        }
    }
}
