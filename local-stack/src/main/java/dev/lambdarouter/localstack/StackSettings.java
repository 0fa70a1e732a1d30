package dev.lambdarouter.localstack;

import dev.lambdarouter.localstack.template.FunctionSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to run a local stack: which template, which ports (0 picks free ones), where Parameter Store keeps its state,
 * and per-function overrides. Build with {@link #builder(Path)}.
 */
public final class StackSettings {

    /** Default ports: the ALB listener, Lambda (as {@code sam local start-lambda}), Parameter Store. */
    public static final int DEFAULT_ALB_PORT = 8080;

    public static final int DEFAULT_LAMBDA_PORT = 3001;
    public static final int DEFAULT_SSM_PORT = 4583;
    public static final int DEFAULT_MAX_ENVIRONMENTS = 8;
    public static final String DEFAULT_REGION = "us-east-1";

    /**
     * Lambda's init phase may take 10 s (then once more within the function's timeout). JVMs starting side by side
     * on a laptop's few cores can take longer than in Lambda, so the stack allows a minute by default.
     */
    public static final int DEFAULT_INIT_TIMEOUT_SECONDS = 60;

    private final Path template;
    private final Path projectRoot;
    private final Path stateFile;
    private final int albPort;
    private final int lambdaPort;
    private final int ssmPort;
    private final String region;
    private final int maxEnvironments;
    private final Duration initTimeout;
    private final Map<String, String> templateParameters;
    private final Map<String, Map<String, String>> environmentOverrides;
    private final Map<String, Integer> reservedConcurrency;
    private final List<FunctionSpec> extraFunctions;

    private StackSettings(Builder b) {
        this.template = b.template;
        this.projectRoot = b.projectRoot != null ? b.projectRoot : parentOf(b.template);
        this.stateFile = b.stateFile != null
                ? b.stateFile
                : this.projectRoot.resolve(".local-stack").resolve("parameters.json");
        this.albPort = b.albPort;
        this.lambdaPort = b.lambdaPort;
        this.ssmPort = b.ssmPort;
        this.region = b.region;
        this.maxEnvironments = b.maxEnvironments;
        this.initTimeout = b.initTimeout;
        this.templateParameters = Map.copyOf(b.templateParameters);
        Map<String, Map<String, String>> env = new LinkedHashMap<>();
        b.environmentOverrides.forEach((fn, vars) -> env.put(fn, Map.copyOf(vars)));
        this.environmentOverrides = Map.copyOf(env);
        this.reservedConcurrency = Map.copyOf(b.reservedConcurrency);
        this.extraFunctions = List.copyOf(b.extraFunctions);
    }

    /** Settings for a template, every other value at its default. */
    public static Builder builder(Path template) {
        return new Builder(template);
    }

    public Path template() {
        return template;
    }

    /** Relative {@code CodeUri}/{@code ContentUri} paths resolve against this (default: the template's directory). */
    public Path projectRoot() {
        return projectRoot;
    }

    /** Parameter Store's state file (default {@code <project root>/.local-stack/parameters.json}). */
    public Path stateFile() {
        return stateFile;
    }

    public int albPort() {
        return albPort;
    }

    public int lambdaPort() {
        return lambdaPort;
    }

    public int ssmPort() {
        return ssmPort;
    }

    public String region() {
        return region;
    }

    public int maxEnvironments() {
        return maxEnvironments;
    }

    /**
     * How long an execution environment may take from JVM start until its handler is ready (a function's
     * {@code Timeout}, when longer, applies instead); then it is destroyed and the invocation times out.
     */
    public Duration initTimeout() {
        return initTimeout;
    }

    public Map<String, String> templateParameters() {
        return templateParameters;
    }

    /** Function (logical ID or name) to environment variables that win over the template's and the stack's. */
    public Map<String, Map<String, String>> environmentOverrides() {
        return environmentOverrides;
    }

    /** Function (logical ID or name) to reserved concurrency, replacing the template's. */
    public Map<String, Integer> reservedConcurrency() {
        return reservedConcurrency;
    }

    /** Functions run in addition to the template's (for embedding the stack, e.g. in tests). */
    public List<FunctionSpec> extraFunctions() {
        return extraFunctions;
    }

    private static Path parentOf(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent != null ? parent : Path.of(".").toAbsolutePath().normalize();
    }

    /** Collects settings; every setter returns the builder. */
    public static final class Builder {
        private final Path template;
        private Path projectRoot;
        private Path stateFile;
        private int albPort = DEFAULT_ALB_PORT;
        private int lambdaPort = DEFAULT_LAMBDA_PORT;
        private int ssmPort = DEFAULT_SSM_PORT;
        private String region = DEFAULT_REGION;
        private int maxEnvironments = DEFAULT_MAX_ENVIRONMENTS;
        private Duration initTimeout = Duration.ofSeconds(DEFAULT_INIT_TIMEOUT_SECONDS);
        private final Map<String, String> templateParameters = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> environmentOverrides = new LinkedHashMap<>();
        private final Map<String, Integer> reservedConcurrency = new LinkedHashMap<>();
        private final List<FunctionSpec> extraFunctions = new ArrayList<>();

        private Builder(Path template) {
            this.template = Objects.requireNonNull(template, "template");
        }

        public Builder projectRoot(Path root) {
            this.projectRoot = root;
            return this;
        }

        public Builder stateFile(Path file) {
            this.stateFile = file;
            return this;
        }

        /** Ports of the ALB listener, the Lambda Invoke API and Parameter Store (0: any free port). */
        public Builder ports(int alb, int lambda, int ssm) {
            this.albPort = alb;
            this.lambdaPort = lambda;
            this.ssmPort = ssm;
            return this;
        }

        public Builder region(String name) {
            this.region = Objects.requireNonNull(name, "region");
            return this;
        }

        public Builder maxEnvironments(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("max environments must be >= 1, got " + max);
            }
            this.maxEnvironments = max;
            return this;
        }

        public Builder initTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the init timeout must be positive, got " + timeout);
            }
            this.initTimeout = timeout;
            return this;
        }

        public Builder templateParameter(String name, String value) {
            templateParameters.put(name, value);
            return this;
        }

        /** Sets a variable on one function (logical ID or name). */
        public Builder environment(String function, String name, String value) {
            environmentOverrides
                    .computeIfAbsent(function, f -> new LinkedHashMap<>())
                    .put(name, value);
            return this;
        }

        /** Replaces one function's reserved concurrency (logical ID or name). */
        public Builder reservedConcurrency(String function, int reserved) {
            if (reserved < 0) {
                throw new IllegalArgumentException("reserved concurrency must be >= 0, got " + reserved);
            }
            reservedConcurrency.put(function, reserved);
            return this;
        }

        public Builder extraFunction(FunctionSpec function) {
            extraFunctions.add(function);
            return this;
        }

        public StackSettings build() {
            return new StackSettings(this);
        }
    }
}
