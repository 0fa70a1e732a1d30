package dev.lambdarouter.localstack;

import dev.lambdarouter.localstack.log.ConsoleLog;
import dev.lambdarouter.localstack.template.TemplateException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code local-stack}: runs the template's stack on loopback (ALB listener, Lambda Invoke API, Parameter Store,
 * CloudWatch, schedules) until Ctrl-C.
 */
@Command(
        name = "local-stack",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        version = "local-stack 0.1.0",
        description = "Runs a SAM template's Lambda-behind-ALB stack on 127.0.0.1 without Docker: an ALB listener, "
                + "Lambda's Invoke API (one JVM per execution environment), Parameter Store, CloudWatch (metrics from the "
                + "functions' embedded-metric-format lines, the template's alarms) and the functions' schedules.")
public final class LocalStack implements Callable<Integer> {

    @Option(names = "--template", defaultValue = "template.yaml", description = "SAM template")
    Path template;

    @Option(names = "--project-root", description = "base of CodeUri/ContentUri (default: the template's directory)")
    Path projectRoot;

    @Option(names = "--alb-port", defaultValue = "8080", description = "ALB listener port")
    int albPort;

    @Option(names = "--lambda-port", defaultValue = "3001", description = "Lambda Invoke API port")
    int lambdaPort;

    @Option(names = "--ssm-port", defaultValue = "4583", description = "Parameter Store port")
    int ssmPort;

    @Option(names = "--cloudwatch-port", defaultValue = "4582", description = "CloudWatch port")
    int cloudWatchPort;

    @Option(
            names = "--schedules",
            negatable = true,
            defaultValue = "true",
            description = "invoke the functions on their Schedule events (--no-schedules: never)")
    boolean schedules;

    @Option(
            names = "--schedule-every",
            paramLabel = "DURATION",
            converter = ShortDuration.class,
            defaultValue = "${env:LOCAL_STACK_SCHEDULE_EVERY}",
            description = "replace every Schedule event's rate (cron ones too), e.g. 10s, 2m, 1h "
                    + "(default: env LOCAL_STACK_SCHEDULE_EVERY, else the template's rates)")
    Duration scheduleEvery;

    @Option(
            names = "--state-file",
            description = "Parameter Store state (default: <root>/.local-stack/parameters.json)")
    Path stateFile;

    @Option(names = "--region", defaultValue = "us-east-1", description = "AWS_REGION of the functions")
    String region;

    @Option(names = "--max-environments", defaultValue = "8", description = "most JVMs per function")
    int maxEnvironments;

    @Option(
            names = "--init-timeout",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description = "least time a function's JVM may take to start and init (a longer Timeout wins)")
    int initTimeoutSeconds;

    @Option(names = "--parameter", paramLabel = "NAME=VALUE", description = "template parameter value (repeatable)")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--env", paramLabel = "FUNCTION.VAR=VALUE", description = "one function's variable (repeatable)")
    Map<String, String> environment = new LinkedHashMap<>();

    @Option(names = "--reserved-concurrency", paramLabel = "FUNCTION=N", description = "replace a reservation")
    Map<String, Integer> reserved = new LinkedHashMap<>();

    @Spec
    CommandSpec spec;

    /** {@code 10s}, {@code 2m}, {@code 1h}. */
    static final class ShortDuration implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            if (!value.matches("[1-9][0-9]*[smh]")) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a duration: a whole number and s, m or h, e.g. 10s, 2m, 1h");
            }
            return Duration.parse("PT" + value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new LocalStack()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Map<String, String>> overrides = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : environment.entrySet()) {
            int dot = e.getKey().indexOf('.');
            if (dot < 1 || dot == e.getKey().length() - 1) {
                err.println("local-stack: --env needs FUNCTION.VARIABLE=VALUE, got " + e.getKey());
                return 2;
            }
            overrides
                    .computeIfAbsent(e.getKey().substring(0, dot), f -> new LinkedHashMap<>())
                    .put(e.getKey().substring(dot + 1), e.getValue());
        }
        StackSettings settings;
        try {
            settings = new StackSettings(
                    template,
                    projectRoot,
                    stateFile,
                    albPort,
                    lambdaPort,
                    ssmPort,
                    cloudWatchPort,
                    region,
                    maxEnvironments,
                    Duration.ofSeconds(initTimeoutSeconds),
                    parameters,
                    overrides,
                    reserved,
                    List.of(),
                    schedules,
                    scheduleEvery);
        } catch (IllegalArgumentException e) {
            err.println("local-stack: " + e.getMessage());
            return 2;
        }
        ConsoleLog console = System.out::println; // println writes a whole line at once (and flushes)
        RunningStack stack;
        try {
            stack = RunningStack.start(settings, console);
        } catch (IOException | TemplateException | IllegalArgumentException e) {
            err.println("local-stack: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            console.line("local-stack", "stopping");
                            stack.close();
                            stopped.countDown();
                        },
                        "local-stack-shutdown"));
        System.out.println(Banner.render(stack));
        System.out.flush();
        stopped.await();
        return 0;
    }
}
