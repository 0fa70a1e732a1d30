package dev.lambdarouter.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code routes}: the operator CLI for the routing table in Parameter Store ({@code validate}, {@code publish},
 * {@code set-weights}, {@code show}, {@code explain}, {@code diff}, {@code history}, {@code rollback}, {@code rollout}).
 *
 * <p>Exit codes: {@value #OK} success, {@value #INVALID_CONFIG} invalid configuration (for {@code show}: the routers
 * reject the table in Parameter Store), {@value #USAGE} usage error
 * (bad option, unreadable file, unknown route or target), {@value #AWS_ERROR} AWS or network error,
 * {@value #INTERNAL_ERROR} unexpected error, {@value #CONFLICT} the table or a rollout document changed meanwhile, or
 * a rollout's state forbids the command (nothing written), {@value #NO_ROUTE}
 * {@code explain}: no route matches the request. Stack traces only with {@code --verbose}.
 */
@Command(
        name = "routes",
        mixinStandardHelpOptions = true,
        version = "routes 0.1.0",
        description = "Validate, publish, show, explain, re-weight, compare and roll back the Lambda Router's routes"
                + " in Parameter Store, and run canary rollouts.",
        subcommands = {
            ValidateCommand.class,
            PublishCommand.class,
            SetWeightsCommand.class,
            ShowCommand.class,
            ExplainCommand.class,
            DiffCommand.class,
            HistoryCommand.class,
            RollbackCommand.class,
            RolloutCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Environment, as the AWS CLI reads it: region from --region, AWS_REGION, AWS_DEFAULT_REGION, else the"
                    + " profile (AWS_PROFILE, AWS_CONFIG_FILE); endpoint from --endpoint-url, AWS_ENDPOINT_URL_SSM,"
                    + " AWS_ENDPOINT_URL, else AWS; prefix from --prefix, ROUTER_CONFIG_PREFIX, else"
                    + " /lambda-router/dev. publish, set-weights and rollback print the endpoint and prefix before writing.",
            "The local stack: export AWS_ENDPOINT_URL_SSM=http://127.0.0.1:4583 AWS_DEFAULT_REGION=us-east-1"
                    + " AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local",
            "",
            "Exit codes: 0 ok, 1 invalid configuration (or, for show, a table the routers reject), 2 usage error,"
                    + " 3 AWS or network error, 4 unexpected error, 5 the table changed during a publish (nothing"
                    + " written; for rollout: the rollout document changed meanwhile, or the rollout's state forbids the"
                    + " command), 6 explain: no route matches the request."
        })
public final class RoutesCli implements Callable<Integer> {
    public static final int OK = 0;
    public static final int INVALID_CONFIG = 1;
    public static final int USAGE = 2;
    public static final int AWS_ERROR = 3;
    public static final int INTERNAL_ERROR = 4;
    /** The table changed in Parameter Store while the edit was prepared (another publish): nothing was written. */
    public static final int CONFLICT = 5;
    /** {@code explain}: no route matches the request (the router would answer 404). */
    public static final int NO_ROUTE = 6;

    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean verbose;

    private RoutesCli() {}

    public static void main(String[] args) {
        // The SDK logs through SLF4J; without a provider SLF4J would warn on every run. Nothing of ours logs.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        System.exit(commandLine().execute(args));
    }

    /**
     * The {@code routes} command line in this process's environment: region and prefix as the AWS CLI and the router
     * read them, credentials and endpoint the SDK's usual way.
     */
    public static CommandLine commandLine() {
        return commandLine(SsmClients.standard(), System.getenv());
    }

    /** @param environment the environment variables the CLI reads (region, profile, prefix) */
    static CommandLine commandLine(SsmClients clients, Map<String, String> environment) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == RoutesCli.class) {
                    return type.cast(new RoutesCli());
                }
                if (type == AwsOptions.class) {
                    return type.cast(new AwsOptions(clients, environment));
                }
                return defaults.create(type);
            }
        };
        CommandLine commandLine = new CommandLine(RoutesCli.class, factory);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler(RoutesCli::handleExecutionException);
        commandLine.setParameterExceptionHandler(RoutesCli::handleParameterException);
        return commandLine;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "missing command: validate, publish, set-weights, show, explain, diff, history, rollback or rollout");
    }

    private static int handleParameterException(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("routes: " + e.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
        }
        return USAGE;
    }

    private static int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        int code;
        if (e instanceof CliException cli) {
            err.println("routes: " + cli.getMessage());
            code = cli.exitCode();
        } else if (e instanceof SdkException sdk) {
            err.println("routes: AWS error: " + describe(sdk));
            code = AWS_ERROR;
        } else {
            err.println(
                    "routes: unexpected error: " + e + (verbose(parsed) ? "" : " (run with --verbose for details)"));
            code = INTERNAL_ERROR;
        }
        if (verbose(parsed)) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static String describe(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode() + ": "
                    + service.awsErrorDetails().errorMessage();
        }
        String message = e.getMessage();
        if (message != null && message.startsWith("Unable to load credentials from any of the providers")) {
            return "no AWS credentials found (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run"
                    + " with a role); --verbose shows what each provider answered";
        }
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && (message == null || !message.contains(cause.getMessage()))) {
            message = message + " (" + cause.getMessage() + ")";
        }
        return message;
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
