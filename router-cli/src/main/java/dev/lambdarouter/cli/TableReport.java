package dev.lambdarouter.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdarouter.engine.ConfigLayout;
import dev.lambdarouter.engine.FixedResponse;
import dev.lambdarouter.engine.Forward;
import dev.lambdarouter.engine.Route;
import dev.lambdarouter.engine.RoutingTable;
import dev.lambdarouter.engine.Target;
import dev.lambdarouter.store.RouteJson;
import dev.lambdarouter.store.StackAllowlist;
import dev.lambdarouter.store.TableCheck;
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

    /**
     * @param verdict the routers' verdict on the table stored under {@code layout} at {@code version} (see
     *                {@link TableCheck#routersVerdict})
     */
    TableReport(Optional<String> version, ConfigLayout layout, StackAllowlist allowlist, TableCheck.Outcome verdict) {
        this.version = version;
        this.versionParameter = layout.versionParameter();
        this.routesPath = layout.routesPath();
        this.allowlist = allowlist;
        this.table = verdict.table();
        this.problems = verdict.problems();
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
        text.append(Columns.format(rows));
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
            if (route.action() instanceof FixedResponse fixed) {
                node.putObject("fixedResponse").put("status", fixed.status());
            } else if (route.action() instanceof Forward forward) {
                for (Target target : forward.targets()) {
                    targets.addObject().put("function", target.function()).put("weight", target.weight());
                }
                forward.fallback().ifPresent(fallback -> node.put("fallback", fallback));
                forward.mirror()
                        .ifPresent(mirror -> node.putObject("mirror")
                                .put("function", mirror.function())
                                .put("percent", mirror.percent()));
                node.put("timeoutMs", forward.timeout().toMillis());
            }
            node.put("origin", route.origin());
        }
        try {
            return RouteJson.indented(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the report", e);
        }
    }

    /** {@code sync} or {@code async} for a route that forwards; {@code fixed} for one that answers by itself. */
    private static String mode(Route route) {
        return route.action() instanceof Forward forward ? forward.mode().name().toLowerCase(Locale.ROOT) : "fixed";
    }

    private static String targets(Route route) {
        if (route.action() instanceof FixedResponse fixed) {
            return "fixed response " + fixed.status();
        }
        Forward forward = (Forward) route.action();
        List<String> parts = new ArrayList<>();
        parts.add(forward.targets().stream()
                .map(t -> t.function() + "=" + t.weight())
                .collect(Collectors.joining(", ")));
        forward.fallback().ifPresent(fallback -> parts.add("fallback " + fallback));
        forward.mirror()
                .ifPresent(mirror -> parts.add("mirror " + mirror.function() + " "
                        + (mirror.percent() == Math.rint(mirror.percent())
                                ? Long.toString((long) mirror.percent())
                                : Double.toString(mirror.percent()))
                        + "%"));
        return String.join("; ", parts);
    }
}
