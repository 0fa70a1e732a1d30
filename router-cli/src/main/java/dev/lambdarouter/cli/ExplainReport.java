package dev.lambdarouter.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdarouter.engine.CriterionCheck;
import dev.lambdarouter.engine.DispatchMode;
import dev.lambdarouter.engine.FaultPolicy;
import dev.lambdarouter.engine.FixedResponse;
import dev.lambdarouter.engine.Forward;
import dev.lambdarouter.engine.PickMethod;
import dev.lambdarouter.engine.RetryPolicy;
import dev.lambdarouter.engine.Route;
import dev.lambdarouter.engine.RouteCheck;
import dev.lambdarouter.engine.RouteDecision;
import dev.lambdarouter.engine.RoutingExplanation;
import dev.lambdarouter.engine.Target;
import dev.lambdarouter.engine.TargetPick;
import dev.lambdarouter.store.RouteJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders {@code routes explain}'s answer, as text for people or as one JSON document: the request, the winning route
 * and its criteria, the other routes and the criterion each failed, the target and how it was picked, the route's
 * dispatch settings and, with {@code --sample}, where simulated requests went.
 */
final class ExplainReport {
    /** Width of the label column of the text output. */
    private static final int LABEL = 11;

    private final ExplainedTable table;
    private final ExplainRequest request;
    private final RoutingExplanation explanation;
    private final Set<String> openCircuits;
    private final long seed;
    private final Optional<TrafficSample> sample;

    ExplainReport(
            ExplainedTable table,
            ExplainRequest request,
            RoutingExplanation explanation,
            Set<String> openCircuits,
            long seed,
            Optional<TrafficSample> sample) {
        this.table = table;
        this.request = request;
        this.explanation = explanation;
        this.openCircuits = new TreeSet<>(openCircuits);
        this.seed = seed;
        this.sample = sample;
    }

    boolean routed() {
        return explanation.decision().isPresent();
    }

    /**
     * How the target was picked, as the decision says it and the request log writes it ({@link PickMethod#label()}:
     * {@code single}, {@code weighted}, {@code sticky:<header|cookie|source-ip>}, {@code fallback}, {@code fixed}); or
     * {@code no-healthy-target} (every circuit open, no fallback) or {@code no-route}.
     */
    String how() {
        if (explanation.decision().isEmpty()) {
            return "no-route";
        }
        RouteDecision decision = explanation.decision().get();
        if (decision instanceof RouteDecision.Dispatch dispatch) {
            return dispatch.pick().label();
        }
        if (decision instanceof RouteDecision.Fixed fixed) {
            return fixed.pick().label();
        }
        if (decision instanceof RouteDecision.Fallback fallback) {
            return fallback.pick().label();
        }
        return "no-healthy-target";
    }

    // ---- text

    String text() {
        StringBuilder text = new StringBuilder();
        line(text, "table", table.describe());
        line(text, "request", request.method() + " " + request.url());
        line(
                text,
                "",
                "host " + request.host() + ", path " + request.path() + query() + ", source IP "
                        + (request.sourceIp() == null ? "(none)" : request.sourceIp()));
        line(text, "", "headers " + headers());
        if (!openCircuits.isEmpty()) {
            line(text, "circuits", "open (simulated): " + String.join(", ", openCircuits));
        }
        text.append('\n');
        Optional<Route> winner = explanation.winner();
        if (winner.isPresent()) {
            Route route = winner.get();
            line(text, "route", route.name() + "  (priority " + route.priority() + ", " + route.origin() + ")");
            List<CriterionCheck> held = check(route).checks();
            if (held.isEmpty()) {
                line(text, "  matched", "every request (the route has no criteria)");
            }
            for (CriterionCheck criterion : held) {
                line(text, "  held", criterion.criterion() + ": " + criterion.condition());
            }
        } else {
            line(text, "route", "NONE: no route matches; the router answers 404");
        }
        otherRoutes(text, winner);
        text.append('\n');
        winner.ifPresent(route -> action(text, route));
        sample.ifPresent(s -> sampleText(text, s));
        return text.toString();
    }

    private void otherRoutes(StringBuilder text, Optional<Route> winner) {
        List<String[]> rows = new ArrayList<>();
        for (RouteCheck check : explanation.routes()) {
            Route route = check.route();
            if (winner.isPresent() && winner.get().name().equals(route.name())) {
                continue;
            }
            String verdict = check.firstFailed()
                    .map(failed -> "failed " + failed.criterion() + ": " + failed.condition())
                    .orElse("also matches, but comes later in precedence order");
            rows.add(new String[] {"priority " + route.priority(), route.name(), verdict});
        }
        String heading = winner.isPresent() ? "other routes, in precedence order:" : "routes, in precedence order:";
        if (rows.isEmpty()) {
            text.append(winner.isPresent() ? "other routes: none\n" : "routes: none (the table is empty)\n");
            return;
        }
        text.append(heading).append('\n');
        appendColumns(text, "  ", rows);
    }

    private void action(StringBuilder text, Route route) {
        if (route.action() instanceof FixedResponse fixed) {
            line(
                    text,
                    "response",
                    "fixed " + fixed.status() + " " + fixed.contentType() + ", body " + quote(fixed.body())
                            + " (the router answers by itself; no function is invoked)");
            return;
        }
        Forward forward = (Forward) route.action();
        target(text, forward);
        line(
                text,
                "mode",
                forward.mode() == DispatchMode.SYNC
                        ? "sync (RequestResponse invoke: the worker's answer is the response)"
                        : "async (Event invoke: the client gets 202 with the Lambda request id)");
        line(
                text,
                "timeout",
                forward.timeout().toMillis() + " ms (the router's remaining time and the ALB idle"
                        + " timeout also bound the call)");
        RetryPolicy retry = forward.retryPolicy();
        line(
                text,
                "retry",
                (retry.maxAttempts() == 1 ? "1 attempt (no retry)" : "up to " + retry.maxAttempts() + " attempts")
                        + ", backoff " + retry.baseDelay().toMillis() + ".."
                        + retry.maxDelay().toMillis()
                        + " ms with full jitter");
        line(text, "", functionErrors(retry.functionErrors()) + "; throttles when Retry-After fits the deadline");
        line(text, "fallback", forward.fallback().orElse("none"));
        line(
                text,
                "mirror",
                forward.mirror()
                        .map(m -> m.function() + ": " + configuredPercent(m.percent())
                                + " of requests copied (Event invoke, fire-and-forget)")
                        .orElse("none"));
        line(text, "fault", forward.fault().map(this::faultText).orElse("none"));
        if (forward.mode() == DispatchMode.ASYNC || forward.mirror().isPresent()) {
            line(
                    text,
                    "asyncEvent",
                    "drops headers "
                            + String.join(
                                    ", ", new TreeSet<>(forward.asyncEvent().dropHeaders())));
        }
    }

    /** The route's fault injection, and whether it concerns this request (its target and header limits). */
    private String faultText(FaultPolicy fault) {
        return fault.describe() + "; " + (faultApplies(fault) ? "applies to this request" : "not to this request");
    }

    private boolean faultApplies(FaultPolicy fault) {
        Optional<String> target = explanation.decision().map(ExplainReport::dispatchedFunction);
        return target.isPresent() && fault.appliesTo(target.get(), explanation.request());
    }

    private static String dispatchedFunction(RouteDecision decision) {
        if (decision instanceof RouteDecision.Dispatch dispatch) {
            return dispatch.target().function();
        }
        return decision instanceof RouteDecision.Fallback fallback ? fallback.function() : null;
    }

    private void target(StringBuilder text, Forward forward) {
        RouteDecision decision = explanation.decision().orElseThrow();
        TargetPick pick = explanation.pick().orElseThrow();
        if (decision instanceof RouteDecision.Dispatch dispatch) {
            line(text, "target", dispatch.target().function() + "  (" + how() + ")");
        } else if (decision instanceof RouteDecision.Fallback fallback) {
            line(text, "target", fallback.function() + "  (fallback: the route's fallback, no target is available)");
        } else {
            line(text, "target", "NONE: no target is available and the route has no fallback; the router answers 503");
        }
        if (pick instanceof TargetPick.Single single) {
            line(text, "  why", "the only target with weight > 0" + (single.available() ? "" : " (circuit open)"));
        } else if (pick instanceof TargetPick.Weighted weighted) {
            weightedText(text, weighted);
        } else if (pick instanceof TargetPick.Sticky sticky) {
            stickyText(text, sticky);
        }
        List<String> zero = forward.targets().stream()
                .filter(t -> t.weight() == 0)
                .map(Target::function)
                .toList();
        if (!zero.isEmpty()) {
            line(text, "  never", String.join(", ", zero) + " (weight 0)");
        }
    }

    private void weightedText(StringBuilder text, TargetPick.Weighted weighted) {
        weighted.stickyKeyless()
                .ifPresent(source -> line(
                        text,
                        "  why",
                        "the route is sticky by " + source + ", but the request carries no such key: weighted"
                                + " random"));
        line(
                text,
                "  why",
                weighted.draw().isPresent()
                        ? "weighted random: drew " + weighted.draw().getAsLong() + " in [0, " + weighted.total()
                                + ") (--seed " + seed + " draws it again)"
                        : "weighted random: nothing to draw from, every circuit is open");
        List<String[]> rows = new ArrayList<>();
        Optional<Target> chosen = weighted.chosen();
        for (TargetPick.Share share : weighted.shares()) {
            Target target = share.target();
            rows.add(new String[] {
                target.function(),
                "weight " + target.weight(),
                share.available() ? "[" + share.from() + ", " + share.to() + ")" : "circuit open",
                share.available() ? percent(share.percent(weighted.total())) : "",
                chosen.map(target::equals).orElse(false) ? "<- drawn" : ""
            });
        }
        appendColumns(text, " ".repeat(LABEL + 2), rows);
    }

    private void stickyText(StringBuilder text, TargetPick.Sticky sticky) {
        line(
                text,
                "  why",
                "sticky by " + sticky.source() + " = " + quote(sticky.key())
                        + ": rendezvous order (highest score first), first available wins");
        List<String[]> rows = new ArrayList<>();
        Optional<Target> chosen = sticky.chosen();
        int rank = 1;
        for (TargetPick.Ranked ranked : sticky.order()) {
            Target target = ranked.target();
            rows.add(new String[] {
                rank++ + ".",
                target.function(),
                "weight " + target.weight(),
                String.format(Locale.ROOT, "score %.4f", ranked.score()),
                ranked.available() ? (chosen.map(target::equals).orElse(false) ? "<- chosen" : "") : "circuit open"
            });
        }
        appendColumns(text, " ".repeat(LABEL + 2), rows);
    }

    private void sampleText(StringBuilder text, TrafficSample sample) {
        text.append('\n');
        line(
                text,
                "sample",
                sample.requests() + " simulated requests, "
                        + sample.stickyKey()
                                .map(source -> "each with a random sticky key (" + source + ")")
                                .orElse("each with a new random draw")
                        + "; seed " + seed);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ROUTE", "OUTCOME", "REQUESTS", "SHARE", "WEIGHT SHARE"});
        for (TrafficSample.Outcome outcome : sample.outcomes()) {
            rows.add(new String[] {
                outcome.route() == null ? "-" : outcome.route(),
                outcomeLabel(outcome),
                Integer.toString(outcome.count()),
                percent(outcome.percent(sample.requests())),
                weightShare(outcome).map(ExplainReport::percent).orElse("-")
            });
        }
        appendColumns(text, "  ", rows);
    }

    /**
     * The share the winning route's weights give a target it dispatches to, among the targets whose circuit is not
     * open: what the sample should approach.
     */
    private Optional<Double> weightShare(TrafficSample.Outcome outcome) {
        Optional<Route> winner = explanation.winner();
        if (!outcome.decision().equals("dispatch")
                || winner.isEmpty()
                || !winner.get().name().equals(outcome.route())
                || !(winner.get().action() instanceof Forward forward)) {
            return Optional.empty();
        }
        long available = forward.targets().stream()
                .filter(t -> !openCircuits.contains(t.function()))
                .mapToLong(Target::weight)
                .sum();
        return forward.targets().stream()
                .filter(t -> t.function().equals(outcome.function()))
                .findFirst()
                .map(t -> 100.0 * t.weight() / available);
    }

    private static String outcomeLabel(TrafficSample.Outcome outcome) {
        return switch (outcome.decision()) {
            case "dispatch" -> outcome.function();
            case "fallback" -> outcome.function() + " (fallback)";
            case "fixed" -> "fixed response";
            case "no-healthy-target" -> "no healthy target (503)";
            default -> "no route (404)";
        };
    }

    private String query() {
        if (request.query().isEmpty()) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        request.query().forEach((name, values) -> values.forEach(value -> pairs.add(name + "=" + value)));
        return ", query " + String.join("&", pairs);
    }

    private String headers() {
        List<String> lines = new ArrayList<>();
        request.headers().forEach((name, values) -> values.forEach(value -> lines.add(name + ": " + value)));
        return String.join(", ", lines);
    }

    private static String functionErrors(RetryPolicy.FunctionErrorRetry functionErrors) {
        return switch (functionErrors) {
            case IDEMPOTENT -> "function errors retried for GET, HEAD, OPTIONS, PUT and DELETE";
            case ALWAYS -> "function errors retried for every method";
            case NEVER -> "function errors not retried";
        };
    }

    private RouteCheck check(Route route) {
        return explanation.routes().stream()
                .filter(check -> check.route().name().equals(route.name()))
                .findFirst()
                .orElseThrow();
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(label);
        text.append(" ".repeat(Math.max(1, LABEL - label.length())));
        text.append(value).append('\n');
    }

    /** Rows as left-aligned columns two spaces apart, each line indented. */
    private static void appendColumns(StringBuilder text, String indent, List<String[]> rows) {
        int columns = rows.stream().mapToInt(row -> row.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f%%", value);
    }

    /** A configured percentage as written: {@code 5%}, {@code 2.5%}. */
    private static String configuredPercent(double value) {
        return (value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value)) + "%";
    }

    private static String quote(String value) {
        try {
            return RouteJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- JSON

    String json() {
        ObjectNode root = RouteJson.MAPPER.createObjectNode();
        ObjectNode tableNode = root.putObject("table");
        tableNode.put("source", table.source());
        tableNode.put("location", table.location());
        tableNode.put("version", table.version().orElse(null));
        tableNode.put("routes", table.table().size());
        requestJson(root.putObject("request"));
        ArrayNode open = root.putArray("openCircuits");
        openCircuits.forEach(open::add);
        root.put("seed", seed);
        root.put("routed", routed());
        root.put("how", how());
        Optional<Route> winner = explanation.winner();
        if (winner.isPresent()) {
            ObjectNode route = routeJson(root.putObject("route"), check(winner.get()));
            route.remove("result");
        } else {
            root.putNull("route");
        }
        ArrayNode routes = root.putArray("routes");
        for (RouteCheck check : explanation.routes()) {
            routeJson(routes.addObject(), check);
        }
        decisionJson(root);
        if (winner.isPresent() && winner.get().action() instanceof Forward forward) {
            forwardJson(root, forward);
        } else {
            // The same keys in every document: a fixed response or no route forwards nothing.
            root.putNull("pick");
            root.put("mode", winner.isPresent() ? "fixed" : null);
            for (String key : List.of("timeoutMs", "retry", "fallback", "mirror", "asyncEvent", "fault")) {
                root.putNull(key);
            }
        }
        FixedResponse fixed = winner.isPresent() && winner.get().action() instanceof FixedResponse f ? f : null;
        if (fixed == null) {
            root.putNull("fixedResponse");
        } else {
            root.putObject("fixedResponse")
                    .put("status", fixed.status())
                    .put("contentType", fixed.contentType())
                    .put("body", fixed.body());
        }
        sample.ifPresentOrElse(s -> sampleJson(root.putObject("sample"), s), () -> root.putNull("sample"));
        try {
            return RouteJson.indented(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the explanation", e);
        }
    }

    private void requestJson(ObjectNode node) {
        node.put("method", request.method());
        node.put("url", request.url());
        node.put("host", request.host());
        node.put("path", request.path());
        multiMap(node.putObject("query"), request.query());
        multiMap(node.putObject("headers"), request.headers());
        node.put("sourceIp", request.sourceIp());
    }

    private static void multiMap(ObjectNode node, Map<String, List<String>> values) {
        values.forEach((name, list) -> {
            ArrayNode array = node.putArray(name);
            list.forEach(array::add);
        });
    }

    private ObjectNode routeJson(ObjectNode node, RouteCheck check) {
        Route route = check.route();
        node.put("name", route.name());
        node.put("priority", route.priority());
        node.put("origin", route.origin());
        boolean won =
                explanation.winner().map(w -> w.name().equals(route.name())).orElse(false);
        node.put("result", won ? "winner" : check.matched() ? "also-matches" : "failed");
        ArrayNode criteria = node.putArray("criteria");
        for (CriterionCheck criterion : check.checks()) {
            criteria.addObject()
                    .put("criterion", criterion.criterion())
                    .put("condition", criterion.condition())
                    .put("held", criterion.held());
        }
        Optional<CriterionCheck> failed = check.firstFailed();
        if (failed.isPresent()) {
            node.putObject("failed")
                    .put("criterion", failed.get().criterion())
                    .put("condition", failed.get().condition());
        } else {
            node.putNull("failed");
        }
        return node;
    }

    private void decisionJson(ObjectNode root) {
        Optional<RouteDecision> decision = explanation.decision();
        String function = null;
        if (decision.isPresent() && decision.get() instanceof RouteDecision.Dispatch dispatch) {
            function = dispatch.target().function();
        } else if (decision.isPresent() && decision.get() instanceof RouteDecision.Fallback fallback) {
            function = fallback.function();
        }
        root.put("target", function);
    }

    private void forwardJson(ObjectNode root, Forward forward) {
        TargetPick pick = explanation.pick().orElseThrow();
        ObjectNode node = root.putObject("pick");
        if (pick instanceof TargetPick.Single single) {
            node.put("kind", "single");
            targetJson(node.putObject("target"), single.target()).put("available", single.available());
        } else if (pick instanceof TargetPick.Weighted weighted) {
            node.put("kind", "weighted");
            weighted.stickyKeyless()
                    .ifPresentOrElse(
                            source -> stickySourceJson(node.putObject("stickyKeyMissing"), source),
                            () -> node.putNull("stickyKeyMissing"));
            node.put("total", weighted.total());
            if (weighted.draw().isPresent()) {
                node.put("draw", weighted.draw().getAsLong());
            } else {
                node.putNull("draw");
            }
            ArrayNode shares = node.putArray("shares");
            for (TargetPick.Share share : weighted.shares()) {
                targetJson(shares.addObject(), share.target())
                        .put("available", share.available())
                        .put("from", share.from())
                        .put("to", share.to())
                        .put("percent", share.percent(weighted.total()));
            }
        } else if (pick instanceof TargetPick.Sticky sticky) {
            node.put("kind", "sticky");
            stickySourceJson(node.putObject("stickiness"), sticky.source());
            node.put("key", sticky.key());
            ArrayNode order = node.putArray("order");
            for (TargetPick.Ranked ranked : sticky.order()) {
                targetJson(order.addObject(), ranked.target())
                        .put("score", ranked.score())
                        .put("available", ranked.available());
            }
        }
        node.put("chosen", pick.chosen().map(Target::function).orElse(null));
        ArrayNode never = node.putArray("weightZero");
        forward.targets().stream().filter(t -> t.weight() == 0).forEach(t -> never.add(t.function()));
        root.put("mode", forward.mode().name().toLowerCase(Locale.ROOT));
        root.put("timeoutMs", forward.timeout().toMillis());
        RetryPolicy retry = forward.retryPolicy();
        root.putObject("retry")
                .put("maxAttempts", retry.maxAttempts())
                .put("functionErrors", retry.functionErrors().name().toLowerCase(Locale.ROOT))
                .put("baseDelayMs", retry.baseDelay().toMillis())
                .put("maxDelayMs", retry.maxDelay().toMillis());
        root.put("fallback", forward.fallback().orElse(null));
        forward.mirror()
                .ifPresentOrElse(
                        m -> root.putObject("mirror")
                                .put("function", m.function())
                                .put("percent", m.percent()),
                        () -> root.putNull("mirror"));
        ArrayNode dropped = root.putObject("asyncEvent").putArray("dropHeaders");
        new TreeSet<>(forward.asyncEvent().dropHeaders()).forEach(dropped::add);
        forward.fault()
                .ifPresentOrElse(
                        f -> root.putObject("fault")
                                .put("describe", f.describe())
                                .put("appliesToRequest", faultApplies(f)),
                        () -> root.putNull("fault"));
    }

    private static ObjectNode targetJson(ObjectNode node, Target target) {
        return node.put("function", target.function()).put("weight", target.weight());
    }

    private static void stickySourceJson(ObjectNode node, TargetPick.StickySource source) {
        node.put("kind", source.kind());
        node.put("name", source.name());
    }

    private void sampleJson(ObjectNode node, TrafficSample sample) {
        node.put("requests", sample.requests());
        sample.stickyKey()
                .ifPresentOrElse(
                        source -> stickySourceJson(node.putObject("randomStickyKey"), source),
                        () -> node.putNull("randomStickyKey"));
        ArrayNode outcomes = node.putArray("outcomes");
        for (TrafficSample.Outcome outcome : sample.outcomes()) {
            outcomes.addObject()
                    .put("route", outcome.route())
                    .put("decision", outcome.decision())
                    .put("function", outcome.function())
                    .put("count", outcome.count())
                    .put("percent", outcome.percent(sample.requests()));
        }
    }
}
