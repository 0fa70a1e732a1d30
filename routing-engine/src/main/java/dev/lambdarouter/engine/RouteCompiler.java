package dev.lambdarouter.engine;

import dev.lambdarouter.engine.config.AsyncEventConfig;
import dev.lambdarouter.engine.config.FaultAbortConfig;
import dev.lambdarouter.engine.config.FaultConfig;
import dev.lambdarouter.engine.config.FaultDelayConfig;
import dev.lambdarouter.engine.config.FaultHeaderConfig;
import dev.lambdarouter.engine.config.FixedResponseConfig;
import dev.lambdarouter.engine.config.MatchConfig;
import dev.lambdarouter.engine.config.MirrorConfig;
import dev.lambdarouter.engine.config.PathConfig;
import dev.lambdarouter.engine.config.RetryConfig;
import dev.lambdarouter.engine.config.RouteConfig;
import dev.lambdarouter.engine.config.StickinessConfig;
import dev.lambdarouter.engine.config.TargetConfig;
import dev.lambdarouter.engine.config.ValueMatchConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validates one {@link RouteConfig} and compiles it into a {@link Route}. Every problem is reported (none stops the
 * others), each prefixed with the origin and the route.
 */
final class RouteCompiler {
    static final int MAX_PRIORITY = 1_000_000;
    static final int DEFAULT_TIMEOUT_MS = 10_000;
    static final int MAX_TIMEOUT_MS = 900_000;
    static final String DEFAULT_CONTENT_TYPE = "text/plain; charset=utf-8";
    static final int MAX_FAULT_DELAY_MS = 60_000;

    private static final Pattern ROUTE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern METHOD = Pattern.compile("[A-Za-z]{1,32}");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");

    private final String origin;
    private final RouteConfig config;
    private final String prefix;
    private final List<String> problems;
    private int problemsBefore;

    private RouteCompiler(String origin, String label, RouteConfig config, List<String> problems) {
        this.origin = origin;
        this.config = config;
        this.prefix = origin + ": " + label + ": ";
        this.problems = problems;
    }

    /**
     * Compiles {@code config}, appending its problems to {@code problems}.
     *
     * @param position 0-based position of the route in its source, used to name unnamed routes
     * @return the route, or {@code null} when it has problems
     */
    static Route compile(String origin, int position, RouteConfig config, List<String> problems) {
        String label = config.name() == null ? "unnamed route at [" + position + "]" : "route '" + config.name() + "'";
        return new RouteCompiler(origin, label, config, problems).compile();
    }

    private Route compile() {
        problemsBefore = problems.size();
        String name = config.name();
        if (name == null || name.isBlank()) {
            problem("name is required");
        } else if (!ROUTE_NAME.matcher(name).matches()) {
            problem("name '" + name + "' must be 1-64 characters of A-Z a-z 0-9 '.' '_' '-'");
        }
        int priority = priority();
        RouteMatcher matcher = config.match() == null ? RouteMatcher.matchAll() : matcher(config.match());
        DispatchMode mode = mode();
        FixedResponse fixedResponse = fixedResponse();
        List<Target> targets = targets(config.fixedResponse() != null);
        Stickiness stickiness = stickiness();
        Duration timeout = timeout();
        RetryPolicy retryPolicy = retryPolicy();
        String fallback = optionalFunction("fallback", config.fallback());
        Mirror mirror = mirror();
        AsyncEventPolicy asyncEvent = asyncEvent(mode, config.mirror() != null);
        FaultPolicy fault = fault(targets, timeout);
        if (problems.size() > problemsBefore) {
            return null;
        }
        RouteAction action = fixedResponse != null
                ? fixedResponse
                : new Forward(mode, targets, stickiness, timeout, retryPolicy, fallback, mirror, asyncEvent, fault);
        return new Route(name, priority, matcher, action, origin);
    }

    private RetryPolicy retryPolicy() {
        RetryConfig retry = config.retry();
        if (retry == null) {
            return RetryPolicy.DEFAULT;
        }
        RetryPolicy defaults = RetryPolicy.DEFAULT;
        int maxAttempts = retry.maxAttempts() == null ? defaults.maxAttempts() : retry.maxAttempts();
        if (maxAttempts < 1 || maxAttempts > 5) {
            problem("retry.maxAttempts " + maxAttempts + " is out of range 1..5");
        }
        RetryPolicy.FunctionErrorRetry functionErrors = defaults.functionErrors();
        if (retry.functionErrors() != null) {
            switch (retry.functionErrors().toLowerCase(java.util.Locale.ROOT)) {
                case "idempotent" -> functionErrors = RetryPolicy.FunctionErrorRetry.IDEMPOTENT;
                case "always" -> functionErrors = RetryPolicy.FunctionErrorRetry.ALWAYS;
                case "never" -> functionErrors = RetryPolicy.FunctionErrorRetry.NEVER;
                default ->
                    problem("retry.functionErrors '" + retry.functionErrors()
                            + "' is unknown; expected \"idempotent\", \"always\" or \"never\"");
            }
        }
        long base = retry.baseDelayMs() == null ? defaults.baseDelay().toMillis() : retry.baseDelayMs();
        long max =
                retry.maxDelayMs() == null ? Math.max(base, defaults.maxDelay().toMillis()) : retry.maxDelayMs();
        if (base < 1 || base > 10_000) {
            problem("retry.baseDelayMs " + base + " is out of range 1..10000");
        }
        if (max < base || max > 30_000) {
            problem("retry.maxDelayMs " + max + " must be between baseDelayMs (" + base + ") and 30000");
        }
        return new RetryPolicy(maxAttempts, functionErrors, Duration.ofMillis(base), Duration.ofMillis(max));
    }

    private String optionalFunction(String field, String function) {
        if (function == null) {
            return null;
        }
        if (!FunctionIdentifier.isValid(function)) {
            problem(field + " '" + function + "' is invalid: " + FunctionIdentifier.expected());
        }
        return function;
    }

    private Mirror mirror() {
        MirrorConfig mirror = config.mirror();
        if (mirror == null) {
            return null;
        }
        if (mirror.function() == null) {
            problem("mirror.function is required");
        }
        String function = optionalFunction("mirror.function", mirror.function());
        double percent = mirror.percent() == null ? -1 : mirror.percent();
        if (!(percent > 0 && percent <= 100)) {
            problem("mirror.percent is required, greater than 0 and at most 100");
        }
        return new Mirror(function, percent);
    }

    private AsyncEventPolicy asyncEvent(DispatchMode mode, boolean mirrored) {
        AsyncEventConfig asyncEvent = config.asyncEvent();
        if (asyncEvent == null) {
            return AsyncEventPolicy.DEFAULT;
        }
        if (mode != DispatchMode.ASYNC && !mirrored) {
            problem("asyncEvent applies only to Event invokes (mode \"async\" or a mirror); this route sends none,"
                    + " so remove it");
        }
        List<String> names = asyncEvent.dropHeaders();
        if (names == null) {
            problem("asyncEvent.dropHeaders is required: the header names to remove ([] forwards every header)");
            return AsyncEventPolicy.DEFAULT;
        }
        Set<String> dropped = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String field = "asyncEvent.dropHeaders[" + i + "]";
            if (name == null) {
                problem(field + " is null");
            } else if (!HEADER_NAME.matcher(name).matches()) {
                problem(field + ": '" + name + "' is not a valid header name");
            } else if (!dropped.add(name.toLowerCase(Locale.ROOT))) {
                problem(field + ": '" + name + "' is listed more than once (names are case-insensitive)");
            }
        }
        return new AsyncEventPolicy(dropped);
    }

    /** The route's fault injection, or null when it has none (or its {@code fault} field has problems). */
    private FaultPolicy fault(List<Target> targets, Duration timeout) {
        FaultConfig fault = config.fault();
        if (fault == null) {
            return null;
        }
        if (config.fixedResponse() != null) {
            problem("fault applies only to routes that invoke a target; this route answers with its fixedResponse"
                    + " and invokes nothing, so remove fault");
            return null;
        }
        int before = problems.size();
        if (fault.abort() == null && fault.delay() == null) {
            problem("fault needs \"abort\", \"delay\" or both, e.g. \"fault\":{\"abort\":{\"percent\":10,"
                    + "\"status\":503}}");
        }
        FaultPolicy.Abort abort = faultAbort(fault.abort());
        FaultPolicy.Delay delay = faultDelay(fault.delay(), timeout);
        String target = fault.target();
        if (target != null && targets.stream().noneMatch(t -> t.function().equals(target))) {
            problem("fault.target '" + target + "' is not one of the route's targets ("
                    + String.join(", ", targets.stream().map(Target::function).toList()) + ")");
        }
        FaultHeaderConfig header = fault.header();
        String headerName = null;
        if (header != null) {
            if (isBlank(header.name())) {
                problem("fault.header.name is required (the header a request must carry to be faulted)");
            } else if (!HEADER_NAME.matcher(header.name()).matches()) {
                problem("fault.header.name '" + header.name() + "' is not a valid header name");
            } else {
                headerName = header.name().toLowerCase(Locale.ROOT);
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new FaultPolicy(abort, delay, target, headerName, header == null ? null : header.value());
    }

    private FaultPolicy.Abort faultAbort(FaultAbortConfig abort) {
        if (abort == null) {
            return null;
        }
        double percent = faultPercent("fault.abort.percent", abort.percent());
        Integer status = abort.status();
        if (status == null) {
            problem("fault.abort.status is required (400..599): the status the aborted requests are answered with");
            return null;
        }
        if (status < 400 || status > 599) {
            problem("fault.abort.status " + status + " is out of range 400..599");
            return null;
        }
        return new FaultPolicy.Abort(percent, status);
    }

    private FaultPolicy.Delay faultDelay(FaultDelayConfig delay, Duration timeout) {
        if (delay == null) {
            return null;
        }
        double percent = faultPercent("fault.delay.percent", delay.percent());
        Integer ms = delay.ms();
        if (ms == null) {
            problem("fault.delay.ms is required (1.." + MAX_FAULT_DELAY_MS + "): how long requests are held");
            return null;
        }
        if (ms < 1 || ms > MAX_FAULT_DELAY_MS) {
            problem("fault.delay.ms " + ms + " is out of range 1.." + MAX_FAULT_DELAY_MS);
            return null;
        }
        if (ms >= timeout.toMillis()) {
            problem("fault.delay.ms " + ms + " must be less than the route's timeoutMs (" + timeout.toMillis()
                    + "), or the delay alone would use up the deadline");
            return null;
        }
        return new FaultPolicy.Delay(percent, Duration.ofMillis(ms));
    }

    private double faultPercent(String field, Double percent) {
        if (percent == null) {
            problem(field + " is required, greater than 0 and at most 100");
            return 0;
        }
        if (!(percent > 0 && percent <= 100)) {
            problem(field + " "
                    + java.math.BigDecimal.valueOf(percent).stripTrailingZeros().toPlainString()
                    + " is out of range: greater than 0 and at most 100");
        }
        return percent;
    }

    private void problem(String message) {
        problems.add(prefix + message);
    }

    private int priority() {
        Integer priority = config.priority();
        if (priority == null) {
            problem("priority is required (0.." + MAX_PRIORITY + ", lower wins)");
            return 0;
        }
        if (priority < 0 || priority > MAX_PRIORITY) {
            problem("priority " + priority + " is out of range 0.." + MAX_PRIORITY);
        }
        return priority;
    }

    private RouteMatcher matcher(MatchConfig match) {
        HostPattern[] hosts = compileList("match.hosts", match.hosts(), HostPattern.class, HostPattern::parse);
        PathPattern[] paths = compileList("match.paths", match.paths(), PathPattern.class, RouteCompiler::pathPattern);
        String[] methods = compileList("match.methods", match.methods(), String.class, RouteCompiler::method);
        ValueCriterion[] headers = compileList(
                "match.headers",
                match.headers(),
                ValueCriterion.class,
                header -> valueCriterion("header", header, true));
        ValueCriterion[] query = compileList(
                "match.query",
                match.query(),
                ValueCriterion.class,
                parameter -> valueCriterion("query", parameter, false));
        Cidr[] cidrs = compileList("match.sourceCidrs", match.sourceCidrs(), Cidr.class, Cidr::parse);
        return new RouteMatcher(hosts, paths, methods, headers, query, cidrs);
    }

    /**
     * Compiles every entry of an optional list; {@code null} for an absent list. An entry's
     * {@link IllegalArgumentException} becomes a problem naming the field and index.
     */
    private <C, T> T[] compileList(String field, List<C> entries, Class<T> type, Function<C, T> compiler) {
        if (entries == null) {
            return null;
        }
        if (entries.isEmpty()) {
            problem(field + " is an empty list, which would match nothing; omit the field to match everything");
            return null;
        }
        @SuppressWarnings("unchecked")
        T[] compiled = (T[]) java.lang.reflect.Array.newInstance(type, entries.size());
        for (int i = 0; i < entries.size(); i++) {
            C entry = entries.get(i);
            if (entry == null) {
                problem(field + "[" + i + "] is null");
                continue;
            }
            try {
                compiled[i] = compiler.apply(entry);
            } catch (IllegalArgumentException e) {
                problem(field + "[" + i + "]: " + e.getMessage());
            }
        }
        return compiled;
    }

    private static PathPattern pathPattern(PathConfig path) {
        int kinds = count(path.exact(), path.prefix(), path.glob(), path.template());
        if (kinds != 1) {
            throw new IllegalArgumentException(
                    "set exactly one of exact, prefix, glob, template (found " + kinds + ")");
        }
        if (path.exact() != null) {
            return new ExactPath(path.exact());
        }
        if (path.prefix() != null) {
            return new PrefixPath(path.prefix());
        }
        if (path.glob() != null) {
            return new GlobPath(path.glob());
        }
        return new TemplatePath(path.template());
    }

    private static String method(String method) {
        if (!METHOD.matcher(method).matches()) {
            throw new IllegalArgumentException("'" + method + "' is not an HTTP method");
        }
        return method.toUpperCase(Locale.ROOT);
    }

    private static ValueCriterion valueCriterion(String kind, ValueMatchConfig criterion, boolean header) {
        String name = criterion.name();
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("name is required");
        }
        if (header && !HEADER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid header name");
        }
        String key = header ? name.toLowerCase(Locale.ROOT) : name;
        int kinds = count(criterion.exact(), criterion.regex(), criterion.present());
        if (kinds != 1) {
            throw new IllegalArgumentException(
                    kind + " '" + name + "': set exactly one of exact, regex, present (found " + kinds + ")");
        }
        if (criterion.exact() != null) {
            return ValueCriterion.exact(key, criterion.exact());
        }
        if (criterion.present() != null) {
            return ValueCriterion.presence(key, criterion.present());
        }
        try {
            return ValueCriterion.regex(key, Pattern.compile(criterion.regex()));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(kind + " '" + name + "': invalid regex '" + criterion.regex() + "': "
                    + e.getDescription() + " near index " + e.getIndex());
        }
    }

    private DispatchMode mode() {
        String mode = config.mode();
        if (mode == null || mode.equalsIgnoreCase("sync")) {
            return DispatchMode.SYNC;
        }
        if (mode.equalsIgnoreCase("async")) {
            return DispatchMode.ASYNC;
        }
        problem("unknown mode '" + mode + "'; expected \"sync\" or \"async\"");
        return DispatchMode.SYNC;
    }

    private List<Target> targets(boolean hasFixedResponse) {
        List<TargetConfig> configs = config.targets();
        List<Target> targets = new ArrayList<>();
        if (configs == null || configs.isEmpty()) {
            if (!hasFixedResponse) {
                problem("targets: at least one target is required (or a fixedResponse)");
            }
            return targets;
        }
        Set<String> functions = new HashSet<>();
        long totalWeight = 0;
        for (int i = 0; i < configs.size(); i++) {
            TargetConfig target = configs.get(i);
            String field = "targets[" + i + "]";
            if (target == null) {
                problem(field + " is null");
                continue;
            }
            boolean valid = true;
            String function = target.function();
            int weight = target.weight() == null ? 1 : target.weight();
            if (function == null || function.isEmpty()) {
                problem(field + ".function is required");
                valid = false;
            } else if (!FunctionIdentifier.isValid(function)) {
                problem(field + ".function '" + function + "' is invalid: " + FunctionIdentifier.expected());
                valid = false;
            } else if (!functions.add(function)) {
                problem(field + ".function '" + function + "' appears more than once in this route");
                valid = false;
            }
            if (weight < 0) {
                problem(field + ".weight " + weight + " is negative; weights must be >= 0");
                valid = false;
            } else {
                totalWeight += weight;
            }
            if (valid) {
                targets.add(new Target(function, weight));
            }
        }
        if (totalWeight == 0 && !hasFixedResponse) {
            problem("targets: all weights are 0; at least one target needs a weight > 0");
        }
        return targets;
    }

    private Stickiness stickiness() {
        StickinessConfig stickiness = config.stickiness();
        if (stickiness == null) {
            return null;
        }
        String type = stickiness.type();
        if (type == null) {
            problem("stickiness.type is required: \"header\", \"cookie\" or \"sourceIp\"");
            return null;
        }
        switch (type) {
            case "header" -> {
                if (isBlank(stickiness.name())) {
                    problem("stickiness.name is required for type \"header\" (the header name)");
                    return null;
                }
                return new Stickiness(
                        Stickiness.Source.HEADER, stickiness.name().toLowerCase(Locale.ROOT));
            }
            case "cookie" -> {
                if (isBlank(stickiness.name())) {
                    problem("stickiness.name is required for type \"cookie\" (the cookie name)");
                    return null;
                }
                return new Stickiness(Stickiness.Source.COOKIE, stickiness.name());
            }
            case "sourceIp" -> {
                if (stickiness.name() != null) {
                    problem("stickiness.name is not used for type \"sourceIp\"; remove it");
                }
                return new Stickiness(Stickiness.Source.SOURCE_IP, null);
            }
            default -> {
                problem("unknown stickiness.type '" + type + "'; expected \"header\", \"cookie\" or \"sourceIp\"");
                return null;
            }
        }
    }

    private Duration timeout() {
        Integer timeoutMs = config.timeoutMs();
        if (timeoutMs == null) {
            return Duration.ofMillis(DEFAULT_TIMEOUT_MS);
        }
        if (timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS) {
            problem("timeoutMs " + timeoutMs + " is out of range 1.." + MAX_TIMEOUT_MS);
        }
        return Duration.ofMillis(timeoutMs);
    }

    private FixedResponse fixedResponse() {
        FixedResponseConfig fixed = config.fixedResponse();
        if (fixed == null) {
            return null;
        }
        if (fixed.status() == null) {
            problem("fixedResponse.status is required (200..599)");
            return null;
        }
        if (fixed.status() < 200 || fixed.status() > 599) {
            problem("fixedResponse.status " + fixed.status() + " is out of range 200..599");
            return null;
        }
        return new FixedResponse(
                fixed.status(),
                fixed.contentType() == null ? DEFAULT_CONTENT_TYPE : fixed.contentType(),
                fixed.body() == null ? "" : fixed.body());
    }

    private static int count(Object... values) {
        int present = 0;
        for (Object value : values) {
            if (value != null) {
                present++;
            }
        }
        return present;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
