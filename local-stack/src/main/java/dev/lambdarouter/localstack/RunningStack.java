package dev.lambdarouter.localstack;

import dev.lambdarouter.localstack.alb.LocalAlb;
import dev.lambdarouter.localstack.cloudwatch.EmfIngestion;
import dev.lambdarouter.localstack.cloudwatch.LocalCloudWatch;
import dev.lambdarouter.localstack.lambda.InvokeApiServer;
import dev.lambdarouter.localstack.lambda.LambdaFunctions;
import dev.lambdarouter.localstack.lambda.ScheduledEvents;
import dev.lambdarouter.localstack.log.ConsoleLog;
import dev.lambdarouter.localstack.ssm.LocalParameterStore;
import dev.lambdarouter.localstack.template.FunctionSpec;
import dev.lambdarouter.localstack.template.LocalAccount;
import dev.lambdarouter.localstack.template.SamTemplate;
import dev.lambdarouter.localstack.template.TargetGroupSpec;
import dev.lambdarouter.localstack.template.TemplateException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A local stack started from a SAM template: Parameter Store (seeded from the template's
 * {@code AWS::SSM::Parameter} resources), CloudWatch (the functions' embedded-metric-format lines become its metrics;
 * the template's alarms), the Lambda runtime and Invoke API for every function, their {@code Schedule} events, and an
 * ALB listener for the template's Lambda target group, all on 127.0.0.1. Every function gets
 * {@code AWS_ENDPOINT_URL_LAMBDA}, {@code AWS_ENDPOINT_URL_SSM} and {@code AWS_ENDPOINT_URL_CLOUDWATCH} pointing at
 * this stack, so unchanged production code talks to it.
 */
public record RunningStack(
        SamTemplate template,
        StackSettings settings,
        LocalParameterStore parameterStore,
        LocalCloudWatch cloudWatch,
        InvokeApiServer invokeApi,
        LambdaFunctions functions,
        ScheduledEvents schedules,
        Optional<LocalAlb> alb)
        implements AutoCloseable {

    /**
     * Reads the template and starts everything. Execution environments start on demand (the ALB's first health
     * check starts the target's first one).
     *
     * @throws BindException     a port is taken (nothing is left running)
     * @throws IOException       a function's code is missing (build it first)
     * @throws TemplateException the template names something the stack cannot resolve or run
     */
    public static RunningStack start(StackSettings settings, ConsoleLog console) throws IOException {
        // The JDK's HTTP server leaves Nagle's algorithm on unless told otherwise: with small responses written as
        // headers + body, every keep-alive exchange would wait for a delayed ACK (~40 ms).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        LocalAccount account = new LocalAccount(settings.region(), LocalAccount.DEFAULT_ACCOUNT_ID, "local-stack");
        SamTemplate template =
                SamTemplate.load(settings.template(), settings.projectRoot(), settings.templateParameters(), account);
        List<FunctionSpec> specs = withOverrides(template, settings);
        List<AutoCloseable> started = new ArrayList<>();
        try {
            LocalParameterStore ssm = bind(
                    started,
                    "Parameter Store",
                    "--ssm-port",
                    settings.ssmPort(),
                    address -> LocalParameterStore.start(address, settings.stateFile()));
            ssm.seed(template.ssmParameters());
            LocalCloudWatch cloudWatch = bind(
                    started,
                    "CloudWatch",
                    "--cloudwatch-port",
                    settings.cloudWatchPort(),
                    address -> new LocalCloudWatch(address, template.alarms(), account, console));
            InvokeApiServer invokeApi =
                    bind(started, "Lambda Invoke API", "--lambda-port", settings.lambdaPort(), InvokeApiServer::new);
            LambdaFunctions functions = LambdaFunctions.start(
                    specs,
                    account,
                    Map.of(
                            "AWS_ENDPOINT_URL_LAMBDA",
                            invokeApi.endpoint().toString(),
                            "AWS_ENDPOINT_URL_SSM",
                            ssm.endpoint().toString(),
                            "AWS_ENDPOINT_URL_CLOUDWATCH",
                            cloudWatch.endpoint().toString()),
                    settings.environmentOverrides(),
                    settings.maxEnvironments(),
                    settings.initTimeout(),
                    new EmfIngestion(console, cloudWatch.metrics()));
            started.add(functions);
            invokeApi.start(functions);
            ScheduledEvents schedules = new ScheduledEvents(
                    settings.schedules() ? template.schedules() : List.of(),
                    settings.scheduleEvery(),
                    functions,
                    console);
            started.add(schedules);
            LocalAlb alb = null;
            if (template.targetGroup().isPresent()) {
                TargetGroupSpec group = template.targetGroup().get();
                alb = bind(
                        started,
                        "ALB listener",
                        "--alb-port",
                        settings.albPort(),
                        address -> new LocalAlb(address, group, functions, console));
            } else {
                console.line("local-stack", "the template has no Lambda target group: no ALB listener");
            }
            return new RunningStack(
                    template, settings, ssm, cloudWatch, invokeApi, functions, schedules, Optional.ofNullable(alb));
        } catch (IOException | RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    private interface Binding<T extends AutoCloseable> {
        T bind(InetSocketAddress address) throws IOException;
    }

    /** Binds a part on 127.0.0.1:{@code port} and adds it to {@code started}; a taken port is named clearly. */
    private static <T extends AutoCloseable> T bind(
            List<AutoCloseable> started, String what, String option, int port, Binding<T> binding) throws IOException {
        try {
            T part = binding.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            started.add(part);
            return part;
        } catch (BindException e) {
            throw new BindException("port " + port + " (" + what + ") on 127.0.0.1 is already in use: another local "
                    + "stack is probably still running (stop it with Ctrl-C in its terminal), or another program uses "
                    + "the port; or choose another port with " + option);
        }
    }

    private static List<FunctionSpec> withOverrides(SamTemplate template, StackSettings settings) {
        List<FunctionSpec> specs = new ArrayList<>(template.functions());
        specs.addAll(settings.extraFunctions());
        for (String name : settings.environmentOverrides().keySet()) {
            find(specs, name);
        }
        settings.reservedConcurrency().forEach((name, reserved) -> {
            FunctionSpec spec = find(specs, name);
            specs.set(specs.indexOf(spec), spec.withReservedConcurrency(reserved));
        });
        return specs;
    }

    private static FunctionSpec find(List<FunctionSpec> specs, String name) {
        return specs.stream()
                .filter(s -> s.logicalId().equals(name) || s.functionName().equals(name))
                .findFirst()
                .orElseThrow(() -> new TemplateException("no function '" + name + "' in the template (functions: "
                        + specs.stream().map(FunctionSpec::logicalId).collect(Collectors.joining(", ")) + ")"));
    }

    /** The ALB listener's URL; fails when the template has no Lambda target group. */
    public URI albEndpoint() {
        return alb.orElseThrow(() -> new IllegalStateException("the template has no Lambda target group"))
                .endpoint();
    }

    public URI lambdaEndpoint() {
        return invokeApi.endpoint();
    }

    public URI ssmEndpoint() {
        return parameterStore.endpoint();
    }

    public URI cloudWatchEndpoint() {
        return cloudWatch.endpoint();
    }

    /**
     * Stops the listener, the schedules, the Invoke API, every execution environment, CloudWatch and Parameter Store
     * (its state is saved).
     */
    @Override
    public void close() {
        List<AutoCloseable> parts =
                new ArrayList<>(List.of(parameterStore, cloudWatch, invokeApi, functions, schedules));
        alb.ifPresent(parts::add);
        closeAll(parts);
    }

    private static void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("local-stack: failed to stop " + started.get(i) + ": " + e);
            }
        }
    }
}
