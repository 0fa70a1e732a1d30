package dev.lambdarouter.cli;

import dev.lambdarouter.engine.RoutingExplanation;
import dev.lambdarouter.engine.TargetPick;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code routes explain METHOD URL}: where the routers would send a request, and why, answered by the engine they run
 * ({@code RoutingTable.explain}: the same compiled criteria, index and target picker as {@code RoutingTable.route}).
 */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = {
            "Explain where the routers send a request and why: the route that wins and its criteria that held, every"
                    + " other route and the first criterion it failed, the target and how it was picked (weights and"
                    + " draw, sticky key and rendezvous order, or fallback), then mode, timeout, retry, fallback,"
                    + " mirror or fixed response.",
            "Asks the live table in Parameter Store (as show reads it) or, with --file, local route files (as"
                    + " validate compiles them). Exit code 0 when a route matches, 6 when none does (the router answers"
                    + " 404).",
            "Example: routes explain GET 'https://shop.example.com/orders/42?debug=1' -H 'x-user-id: alice'"
                    + " --source-ip 10.1.2.3"
        })
final class ExplainCommand implements Callable<Integer> {
    private static final int MAX_SAMPLE = 10_000_000;

    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Parameters(index = "0", paramLabel = "METHOD", description = "The HTTP method, e.g. GET.")
    String method;

    @Parameters(
            index = "1",
            paramLabel = "URL",
            description = "http(s)://host/path?query: the host is the Host header (unless -H 'Host: ...' overrides it)."
                    + " Quote it in the shell.")
    String url;

    @Option(
            names = {"-H", "--header"},
            paramLabel = "'NAME: VALUE'",
            description = "A request header (repeatable).")
    List<String> headers = new ArrayList<>();

    @Option(
            names = {"-b", "--cookie"},
            paramLabel = "NAME=VALUE",
            description = "A cookie (repeatable; all go in one Cookie header).")
    List<String> cookies = new ArrayList<>();

    @Option(
            names = "--source-ip",
            paramLabel = "IP",
            description = "The client address (IPv4 or IPv6), as the ALB's X-Forwarded-For gives it to the router;"
                    + " default: the last X-Forwarded-For entry of -H, else none.")
    String sourceIp;

    @Option(
            names = "--open-circuit",
            paramLabel = "FUNCTION",
            description = "Treat this target's circuit breaker as open (repeatable): the CLI has no live circuit"
                    + " state, so this simulates it (sticky keys move on, all open means fallback or 503).")
    List<String> openCircuits = new ArrayList<>();

    @Option(
            names = {"-f", "--file"},
            paramLabel = "PATH",
            description = "Explain against local route files instead of Parameter Store (repeatable; a directory"
                    + " stands for its *.json files), compiled together as validate does.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--json", description = "Print the explanation as one JSON document.")
    boolean json;

    @Option(
            names = "--sample",
            paramLabel = "N",
            description = "Also simulate N requests (a random sticky key each when the winning route is sticky, else"
                    + " a random draw each) and show how they spread over the targets.")
    Integer sample;

    @Option(
            names = "--seed",
            paramLabel = "SEED",
            description = "Seed of the random draws and sample keys (default: a new one each run, printed), to repeat"
                    + " a run.")
    Long seed;

    @Override
    public Integer call() {
        if (sample != null && (sample < 1 || sample > MAX_SAMPLE)) {
            throw CliException.usage("--sample must be 1.." + MAX_SAMPLE + ", got " + sample);
        }
        ExplainRequest request = ExplainRequest.parse(method, url, headers, cookies, sourceIp);
        ExplainedTable table = files.isEmpty() ? ExplainedTable.live(aws) : ExplainedTable.files(files);
        long chosenSeed = seed != null ? seed : new SplittableRandom().nextLong();
        Set<String> open = new HashSet<>(openCircuits);
        Predicate<String> available = function -> !open.contains(function);

        RoutingExplanation explanation =
                table.table().explain(request.routing(), new SplittableRandom(chosenSeed), available);
        Optional<TrafficSample> simulated = Optional.empty();
        if (sample != null) {
            simulated = Optional.of(TrafficSample.run(
                    table.table(),
                    request,
                    explanation.pick().flatMap(ExplainCommand::stickySource),
                    sample,
                    new SplittableRandom(chosenSeed + 1),
                    available));
        }
        ExplainReport report = new ExplainReport(table, request, explanation, open, chosenSeed, simulated);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? report.json() : report.text());
        out.flush();
        return report.routed() ? RoutesCli.OK : RoutesCli.NO_ROUTE;
    }

    /** The sticky key source the winning route picks by, when it has one and a choice to make. */
    private static Optional<TargetPick.StickySource> stickySource(TargetPick pick) {
        if (pick instanceof TargetPick.Sticky sticky) {
            return Optional.of(sticky.source());
        }
        return pick instanceof TargetPick.Weighted weighted ? weighted.stickyKeyless() : Optional.empty();
    }
}
