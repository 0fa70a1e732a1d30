package dev.lambdarouter.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdarouter.store.RouteJson;
import java.util.List;
import java.util.Locale;

/** A {@link TableDiff} for people (one block per route) and for machines ({@code --json}). */
final class DiffReport {
    private final String from;
    private final String to;
    private final TableDiff diff;

    /**
     * @param from what the first table is, e.g. {@code version 3 (1764658201123, 2026-12-02T06:50:01.123Z)}
     * @param to   what the second table is, e.g. {@code the live table}
     */
    DiffReport(String from, String to, TableDiff diff) {
        this.from = from;
        this.to = to;
        this.diff = diff;
    }

    String text() {
        StringBuilder text = new StringBuilder("diff from ")
                .append(from)
                .append("\n       to ")
                .append(to)
                .append('\n');
        if (diff.isEmpty()) {
            return text.append("no differences\n").toString();
        }
        for (TableDiff.RouteChange change : diff.changed()) {
            text.append("~ ")
                    .append(change.name())
                    .append("  (")
                    .append(change.parameter())
                    .append(")\n");
            change.parameters()
                    .ifPresent(moved ->
                            text.append("    parameter: ").append(moved).append('\n'));
            change.fields()
                    .forEach(field ->
                            text.append("    ").append(field.describe()).append('\n'));
            change.traffic().ifPresent(traffic -> {
                text.append("    requests that move: ")
                        .append(percent(traffic.moved()))
                        .append('\n');
                flows(text, traffic.flows());
                traffic.sticky().ifPresent(sticky -> {
                    text.append("    sticky clients that move (")
                            .append(sticky.stickiness())
                            .append(", ")
                            .append(sticky.keys())
                            .append(" simulated keys): ")
                            .append(percent(sticky.moved()))
                            .append(" (the weights alone move ")
                            .append(percent(traffic.moved()))
                            .append(")\n");
                    flows(text, sticky.flows());
                });
            });
        }
        for (TableDiff.RouteState route : diff.added()) {
            text.append("+ ")
                    .append(route.name())
                    .append("  (")
                    .append(route.parameter())
                    .append(")\n");
            text.append("    ").append(route.json()).append('\n');
        }
        for (TableDiff.RouteState route : diff.removed()) {
            text.append("- ")
                    .append(route.name())
                    .append("  (")
                    .append(route.parameter())
                    .append(")\n");
        }
        for (String parameter : diff.unreadable()) {
            text.append("? ").append(parameter).append(": changed; not JSON on one side, so not compared by route\n");
        }
        return text.append(diff.changed().size())
                .append(" changed, ")
                .append(diff.added().size())
                .append(" added, ")
                .append(diff.removed().size())
                .append(" removed\n")
                .toString();
    }

    String json() {
        ObjectNode root = RouteJson.MAPPER.createObjectNode();
        root.put("from", from);
        root.put("to", to);
        ArrayNode changed = root.putArray("changed");
        for (TableDiff.RouteChange change : diff.changed()) {
            ObjectNode node = changed.addObject();
            node.put("name", change.name());
            node.put("parameter", change.parameter());
            change.parameters().ifPresent(moved -> node.put("movedParameter", moved));
            ArrayNode fields = node.putArray("fields");
            for (FieldChanges.Change field : change.fields()) {
                fields.addObject()
                        .put("path", field.path())
                        .<ObjectNode>set("before", field.before())
                        .set("after", field.after());
            }
            change.traffic().ifPresent(traffic -> {
                ObjectNode requests = node.putObject("traffic");
                requests.put("moved", traffic.moved());
                flowsJson(requests.putArray("flows"), traffic.flows());
                traffic.sticky().ifPresent(sticky -> {
                    ObjectNode clients = node.putObject("stickyClients");
                    clients.put("stickiness", sticky.stickiness());
                    clients.put("keys", sticky.keys());
                    clients.put("moved", sticky.moved());
                    flowsJson(clients.putArray("flows"), sticky.flows());
                });
            });
        }
        ArrayNode added = root.putArray("added");
        diff.added()
                .forEach(route -> added.addObject()
                        .put("name", route.name())
                        .put("parameter", route.parameter())
                        .set("route", route.json()));
        ArrayNode removed = root.putArray("removed");
        diff.removed()
                .forEach(route -> removed.addObject()
                        .put("name", route.name())
                        .put("parameter", route.parameter())
                        .set("route", route.json()));
        ArrayNode unreadable = root.putArray("unreadableParameters");
        diff.unreadable().forEach(unreadable::add);
        try {
            return RouteJson.indented(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the diff", e);
        }
    }

    private static void flows(StringBuilder text, List<TrafficShift.Flow> flows) {
        for (TrafficShift.Flow flow : flows) {
            text.append("      ")
                    .append(flow.from())
                    .append(" -> ")
                    .append(flow.to())
                    .append(": ")
                    .append(percent(flow.share()))
                    .append('\n');
        }
    }

    private static void flowsJson(ArrayNode array, List<TrafficShift.Flow> flows) {
        flows.forEach(flow ->
                array.addObject().put("from", flow.from()).put("to", flow.to()).put("share", flow.share()));
    }

    /** {@code 15.0%}: one decimal. */
    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
