package dev.lambdarouter.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdarouter.engine.Route;
import dev.lambdarouter.engine.RoutingTable;
import dev.lambdarouter.engine.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders the routing table in Parameter Store for {@code routes show}, as an aligned text table or JSON, with the
 * routers' verdict on it: accepted, or rejected (they keep their last good table) with every problem.
 */
final class TableReport {
    private static final String[] HEADINGS = {"PRIORITY", "NAME", "MODE", "TARGETS", "ORIGIN"};

    private final Optional<String> version;
    private final String versionParameter;
    private final String routesPath;
    private final StackAllowlist allowlist;
    private final RoutingTable table;
    private final List<String> problems;

    private TableReport(
            Optional<String> version,
            String versionParameter,
            String routesPath,
            StackAllowlist allowlist,
            RoutingTable table,
            List<String> problems) {
        this.version = version;
        this.versionParameter = versionParameter;
        this.routesPath = routesPath;
        this.allowlist = allowlist;
        this.table = table;
        this.problems = List.copyOf(problems);
    }

    static TableReport accepted(
            Optional<String> version,
            String versionParameter,
            String routesPath,
            StackAllowlist allowlist,
            RoutingTable table) {
        return new TableReport(version, versionParameter, routesPath, allowlist, table, List.of());
    }

    static TableReport rejected(
            Optional<String> version,
            String versionParameter,
            String routesPath,
            StackAllowlist allowlist,
            List<String> problems) {
        return new TableReport(version, versionParameter, routesPath, allowlist, null, problems);
    }

    boolean accepted() {
        return table != null;
    }

    String text() {
        StringBuilder text = new StringBuilder();
        text.append("version ")
                .append(version.orElse("(absent)"))
                .append("  (")
                .append(versionParameter)
                .append(")\n");
        String which = version.map(v -> "version " + v).orElse("the unversioned table");
        if (!accepted()) {
            return text.append(Problems.format("routers REJECT " + which + " and keep the last good table", problems))
                    .append("(checked as the routers check it, with ")
                    .append(allowlist.describe())
                    .append(")\n")
                    .toString();
        }
        text.append("routers accept ")
                .append(which)
                .append(" (")
                .append(allowlist.describe())
                .append(")\n");
        if (table.size() == 0) {
            return text.append("no routes under ")
                    .append(routesPath)
                    .append("/\n")
                    .toString();
        }
        long parameters = table.routes().stream().map(Route::origin).distinct().count();
        text.append(table.size())
                .append(" route(s) in ")
                .append(parameters)
                .append(" parameter(s) under ")
                .append(routesPath)
                .append("/, in precedence order\n\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (Route route : table.routes()) {
            rows.add(new String[] {
                Integer.toString(route.priority()), route.name(), mode(route), targets(route), route.origin()
            });
        }
        int[] widths = new int[HEADINGS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    String json() {
        ObjectNode root = RouteJson.MAPPER.createObjectNode();
        if (version.isPresent()) {
            root.put("version", version.get());
        } else {
            root.putNull("version");
        }
        root.put("versionParameter", versionParameter);
        root.put("routesPath", routesPath + "/");
        root.put("accepted", accepted());
        ArrayNode problemList = root.putArray("problems");
        problems.forEach(problemList::add);
        root.put("allowedFunctionsParameter", allowlist.parameter());
        root.put("allowedFunctions", allowlist.value().orElse(null));
        ArrayNode routes = root.putArray("routes");
        for (Route route : accepted() ? table.routes() : List.<Route>of()) {
            ObjectNode node = routes.addObject();
            node.put("name", route.name());
            node.put("priority", route.priority());
            node.put("mode", mode(route));
            ArrayNode targets = node.putArray("targets");
            for (Target target : route.targets()) {
                targets.addObject().put("function", target.function()).put("weight", target.weight());
            }
            route.fixedResponse()
                    .ifPresent(fixed -> node.putObject("fixedResponse").put("status", fixed.status()));
            route.fallback().ifPresent(fallback -> node.put("fallback", fallback));
            route.mirror()
                    .ifPresent(mirror -> node.putObject("mirror")
                            .put("function", mirror.function())
                            .put("percent", mirror.percent()));
            node.put("timeoutMs", route.timeout().toMillis());
            node.put("origin", route.origin());
        }
        try {
            return RouteJson.indented(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the report", e);
        }
    }

    private static String mode(Route route) {
        return route.mode().name().toLowerCase(Locale.ROOT);
    }

    private static String targets(Route route) {
        List<String> parts = new ArrayList<>();
        route.fixedResponse().ifPresent(fixed -> parts.add("fixed response " + fixed.status()));
        if (!route.targets().isEmpty()) {
            parts.add(route.targets().stream()
                    .map(t -> t.function() + "=" + t.weight())
                    .collect(Collectors.joining(", ")));
        }
        route.fallback().ifPresent(fallback -> parts.add("fallback " + fallback));
        route.mirror()
                .ifPresent(mirror -> parts.add("mirror " + mirror.function() + " "
                        + (mirror.percent() == Math.rint(mirror.percent())
                                ? Long.toString((long) mirror.percent())
                                : Double.toString(mirror.percent()))
                        + "%"));
        return String.join("; ", parts);
    }
}
