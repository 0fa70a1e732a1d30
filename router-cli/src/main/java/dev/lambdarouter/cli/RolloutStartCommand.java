package dev.lambdarouter.cli;

import dev.lambdarouter.store.RolloutDocument;
import dev.lambdarouter.store.RolloutDocuments;
import dev.lambdarouter.store.RolloutEvent;
import dev.lambdarouter.store.RolloutPlan;
import dev.lambdarouter.store.RolloutState;
import dev.lambdarouter.store.StoredRollout;
import dev.lambdarouter.store.WriteOutcome;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code routes rollout start --route R --to FUNCTION ...}: validates, publishes step 1, stores the document. */
@Command(
        name = "start",
        mixinStandardHelpOptions = true,
        description = {
            "Start a canary rollout of a route to a function: every option is checked, the route and the rollout"
                    + " document are read, then the first step's weights are published (the canary added as a"
                    + " target if need be; the table checked as the routers check it, allowlist included) and the"
                    + " rollout document written to {prefix}/rollouts/<route>. The rollout controller takes it from"
                    + " there.",
            "The baseline is the route's other targets with their current weights; at a step of p%, the canary gets"
                    + " p and the baseline shares 100-p in proportion.",
            "Example: routes rollout start --route orders --to orders-v2 --steps 5,25,50,100 --step-interval 5m"
        })
final class RolloutStartCommand implements Callable<Integer> {
    private static final Pattern ROUTE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** The latency ratio used when neither --max-p99-ms nor --max-latency-ratio is given. */
    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Mixin
    ValidationOptions validation;

    @Option(names = "--route", required = true, paramLabel = "NAME", description = "The route's name.")
    String route;

    @Option(
            names = "--to",
            required = true,
            paramLabel = "FUNCTION",
            description = "The canary: the function the traffic moves to (as targets name functions).")
    String canary;

    @Option(
            names = "--steps",
            paramLabel = "P,P,...",
            defaultValue = "5,25,50,100",
            description = "The canary's percentage at each step: strictly increasing, 1..100, the last 100"
                    + " (default: ${DEFAULT-VALUE}).")
    String steps;

    @Option(
            names = "--step-interval",
            paramLabel = "DURATION",
            defaultValue = "5m",
            description = "How long each step must run healthy before the next: 30s, 5m, 1h; at least 10s"
                    + " (default: ${DEFAULT-VALUE}).")
    String stepInterval;

    @Option(
            names = "--max-error-rate",
            paramLabel = "PERCENT",
            defaultValue = "1%",
            description = "Roll back when the canary's 5xx rate in a step is above this (default: ${DEFAULT-VALUE}).")
    String maxErrorRate;

    @Option(
            names = "--max-p99-ms",
            paramLabel = "MS",
            description = "Roll back when the canary's p99 latency is above this many milliseconds.")
    Double maxP99Ms;

    @Option(
            names = "--max-latency-ratio",
            paramLabel = "RATIO",
            description = "Roll back when the canary's p99 is above RATIO x the baseline's (default: no latency check;"
                    + " a new version's cold starts weigh on its first step's p99).")
    Double maxLatencyRatio;

    @Option(
            names = "--min-requests",
            paramLabel = "N",
            defaultValue = "50",
            description = "Canary requests a step needs before it is judged; fewer: hold (default: ${DEFAULT-VALUE}).")
    long minRequests;

    @Option(
            names = "--alarms",
            paramLabel = "NAME,...",
            description = "CloudWatch alarms that roll the canary back when in ALARM (comma-separated; repeatable).")
    List<String> alarms = List.of();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!ROUTE_NAME.matcher(route).matches()) {
            throw CliException.usage("--route: a route name matches " + ROUTE_NAME.pattern() + "; got '" + route + "'");
        }
        if (canary.isBlank()) {
            throw CliException.usage("--to: the canary function's name is empty");
        }
        List<Integer> percentages = RolloutKnobs.steps(steps);
        Duration interval = RolloutKnobs.duration("--step-interval", stepInterval);
        double errorRate = RolloutKnobs.percent("--max-error-rate", maxErrorRate);
        if (maxP99Ms != null) {
            RolloutKnobs.positive("--max-p99-ms", maxP99Ms);
        }
        if (maxLatencyRatio != null) {
            RolloutKnobs.positive("--max-latency-ratio", maxLatencyRatio);
        }
        Double ratio = maxLatencyRatio;
        if (minRequests < 1) {
            throw CliException.usage("--min-requests: must be at least 1; got " + minRequests);
        }
        List<String> alarmNames = RolloutKnobs.alarms(alarms);

        try (RolloutSession session = RolloutSession.open(aws)) {
            Optional<StoredRollout> existing = session.rollouts().read(route);
            long expectedRevision = 0;
            if (existing.isPresent()) {
                RolloutDocument previous = RolloutSession.readable(existing.get());
                if (previous.active()) {
                    throw new CliException(
                            RoutesCli.CONFLICT,
                            "route '" + route + "' already has a "
                                    + previous.state().label() + " rollout to "
                                    + previous.canary() + " (step " + (previous.step() + 1) + " of "
                                    + previous.steps().size() + "); one rollout per route: end it first with"
                                    + " 'routes rollout abort --route " + route + "'");
                }
                expectedRevision = previous.revision();
            }
            Map<String, Integer> live = session.currentWeights(route);
            Map<String, Integer> baseline = RolloutPlan.baselineOf(live, canary);
            if (baseline.values().stream().noneMatch(weight -> weight > 0)) {
                throw new CliException(
                        RoutesCli.INVALID_CONFIG,
                        "route '" + route + "' has no target besides " + canary + " with a weight above 0 (targets: "
                                + RolloutSession.describe(live) + "); a rollout needs a baseline to share traffic with"
                                + " and to roll back to");
            }
            Map<String, Integer> first = RolloutPlan.weightsAt(baseline, canary, percentages.get(0));
            Instant now = session.now();
            String reason =
                    "started: " + canary + " takes " + percentages.get(0) + "% at step 1 of " + percentages.size();
            RolloutDocument document = new RolloutDocument(
                            RolloutDocument.SCHEMA,
                            route,
                            canary,
                            baseline,
                            percentages,
                            interval.toSeconds(),
                            errorRate,
                            maxP99Ms,
                            ratio,
                            minRequests,
                            alarmNames,
                            RolloutState.RUNNING,
                            0,
                            now,
                            first,
                            expectedRevision + 1,
                            reason,
                            null,
                            List.of())
                    .transition(RolloutEvent.Kind.START, RolloutState.RUNNING, 0, first, now, reason);
            List<String> problems = RolloutDocuments.problems(document);
            if (!problems.isEmpty()) {
                Problems.print(err, "invalid rollout, nothing written", problems);
                return RoutesCli.INVALID_CONFIG;
            }

            int published = session.publishWeights(route, first, validation.tier, out, err);
            if (published != RoutesCli.OK) {
                err.println("rollout not started: the first step's weights were not published");
                return published;
            }
            WriteOutcome outcome = session.rollouts().write(document, expectedRevision);
            if (outcome instanceof WriteOutcome.Stale stale) {
                err.println("conflict: another rollout document for route '" + route + "' was written meanwhile"
                        + " (revision " + stale.currentRevision() + "); the first step's weights are published but"
                        + " this rollout was not stored. Check 'routes rollout status --route " + route + "'.");
                return RoutesCli.CONFLICT;
            }
            RolloutDocument written = ((WriteOutcome.Written) outcome).document();
            out.println("rollout of route '" + route + "' to " + canary + " started: step 1 of " + percentages.size()
                    + " (" + percentages.get(0) + "%); the rollout controller rolls it back at any run that finds it"
                    + " unhealthy and advances it at " + now.plus(interval) + " at the earliest ("
                    + session.layout().rolloutParameter(route) + ", revision " + written.revision() + ")");
            return RoutesCli.OK;
        }
    }
}
