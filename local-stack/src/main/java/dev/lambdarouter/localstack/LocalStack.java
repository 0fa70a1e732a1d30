package dev.lambdarouter.localstack;

import dev.lambdarouter.localstack.log.ConsoleLog;
import dev.lambdarouter.localstack.template.TemplateException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code local-stack}: runs the template's stack on loopback (ALB listener, Lambda Invoke API, Parameter Store)
 * until Ctrl-C.
 */
@Command(
        name = "local-stack",
        mixinStandardHelpOptions = true,
        version = "local-stack 0.1.0",
        description = "Runs a SAM template's Lambda-behind-ALB stack locally, without Docker: an ALB listener, "
                + "Lambda's Invoke API (each function in its own JVMs) and Parameter Store, all on 127.0.0.1.")
public final class LocalStack implements Callable<Integer> {

    @Option(
            names = "--template",
            defaultValue = "template.yaml",
            description = "SAM template (default: ${DEFAULT-VALUE})")
    Path template;

    @Option(
            names = "--project-root",
            description =
                    "directory that CodeUri/ContentUri paths are relative to " + "(default: the template's directory)")
    Path projectRoot;

    @Option(
            names = "--alb-port",
            defaultValue = "" + StackSettings.DEFAULT_ALB_PORT,
            description = "ALB listener port (default: ${DEFAULT-VALUE})")
    int albPort;

    @Option(
            names = "--lambda-port",
            defaultValue = "" + StackSettings.DEFAULT_LAMBDA_PORT,
            description = "Lambda Invoke API port (default: ${DEFAULT-VALUE})")
    int lambdaPort;

    @Option(
            names = "--ssm-port",
            defaultValue = "" + StackSettings.DEFAULT_SSM_PORT,
            description = "Parameter Store port (default: ${DEFAULT-VALUE})")
    int ssmPort;

    @Option(
            names = "--state-file",
            description = "Parameter Store state (default: <project root>/.local-stack/"
                    + "parameters.json); edits survive restarts, template parameters are seeded only when missing")
    Path stateFile;

    @Option(
            names = "--region",
            defaultValue = StackSettings.DEFAULT_REGION,
            description = "AWS_REGION of the functions (default: ${DEFAULT-VALUE})")
    String region;

    @Option(
            names = "--max-environments",
            defaultValue = "" + StackSettings.DEFAULT_MAX_ENVIRONMENTS,
            description = "most execution environments (JVMs) per function (default: ${DEFAULT-VALUE})")
    int maxEnvironments;

    @Option(
            names = "--init-timeout",
            paramLabel = "SECONDS",
            defaultValue = "" + StackSettings.DEFAULT_INIT_TIMEOUT_SECONDS,
            description = "how long a function's JVM may take to start and initialise its handler, at least "
                    + "(a longer function Timeout applies instead; default: ${DEFAULT-VALUE})")
    int initTimeoutSeconds;

    @Option(
            names = "--parameter",
            paramLabel = "NAME=VALUE",
            description = "template parameter value, e.g. " + "Stage=test (repeatable)")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(
            names = "--env",
            paramLabel = "FUNCTION.VAR=VALUE",
            description = "environment variable for one "
                    + "function (logical ID or name), e.g. RouterFunction.ROUTER_CONFIG_TTL_SECONDS=1 (repeatable)")
    Map<String, String> environment = new LinkedHashMap<>();

    @Option(
            names = "--reserved-concurrency",
            paramLabel = "FUNCTION=N",
            description = "replace a function's " + "ReservedConcurrentExecutions (repeatable)")
    Map<String, Integer> reserved = new LinkedHashMap<>();

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LocalStack()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        StackSettings.Builder settings = StackSettings.builder(
                        template.toAbsolutePath().normalize())
                .projectRoot(
                        projectRoot == null
                                ? null
                                : projectRoot.toAbsolutePath().normalize())
                .stateFile(stateFile)
                .ports(albPort, lambdaPort, ssmPort)
                .region(region)
                .maxEnvironments(maxEnvironments);
        try {
            settings.initTimeout(Duration.ofSeconds(initTimeoutSeconds));
        } catch (IllegalArgumentException e) {
            err.println("local-stack: --init-timeout: " + e.getMessage());
            return 2;
        }
        parameters.forEach(settings::templateParameter);
        for (Map.Entry<String, String> e : environment.entrySet()) {
            int dot = e.getKey().indexOf('.');
            if (dot < 1 || dot == e.getKey().length() - 1) {
                err.println("local-stack: --env needs FUNCTION.VARIABLE=VALUE, got " + e.getKey());
                return 2;
            }
            settings.environment(e.getKey().substring(0, dot), e.getKey().substring(dot + 1), e.getValue());
        }
        reserved.forEach(settings::reservedConcurrency);

        ConsoleLog console = ConsoleLog.to(System.out);
        RunningStack stack;
        try {
            stack = RunningStack.start(settings.build(), console);
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
