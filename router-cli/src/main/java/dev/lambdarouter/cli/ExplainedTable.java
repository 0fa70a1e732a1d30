package dev.lambdarouter.cli;

import dev.lambdarouter.engine.FunctionAllowlist;
import dev.lambdarouter.engine.RouteParameter;
import dev.lambdarouter.engine.RoutingTable;
import dev.lambdarouter.store.RoutingTableStore;
import dev.lambdarouter.store.StackAllowlist;
import dev.lambdarouter.store.TableCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The compiled table {@code routes explain} asks, and where it came from: the live table in Parameter Store (read and
 * accepted as the routers do, like {@code show}) or local route files (compiled together, like {@code validate}).
 *
 * @param table       the compiled table, as the routers compile it
 * @param source      {@code parameter-store} or {@code files}
 * @param location    for people: {@code endpoint ... (region ...), prefix ...} or the files
 * @param version     the version parameter's value (live table only)
 */
record ExplainedTable(RoutingTable table, String source, String location, Optional<String> version) {

    /**
     * The live table; a table the routers reject is an error (exit code 1): they keep their last good table, which
     * Parameter Store no longer holds.
     */
    static ExplainedTable live(AwsOptions aws) {
        try (RoutingTableStore store = aws.openTable()) {
            Optional<String> version = store.readVersion();
            List<RouteParameter> parameters = RoutingTableStore.parameters(store.readRoutes());
            StackAllowlist allowlist = store.readAllowlist();
            String label = version.map(v -> "version " + v).orElse("the unversioned table");
            TableCheck.Outcome verdict =
                    TableCheck.routersVerdict(allowlist.functions(), version.orElse("unversioned"), parameters);
            if (!verdict.valid()) {
                throw new CliException(
                        RoutesCli.INVALID_CONFIG,
                        Problems.format(
                                        "routers REJECT " + label + " and keep their last good table, which explain"
                                                + " cannot see",
                                        verdict.problems())
                                .stripTrailing());
            }
            return new ExplainedTable(verdict.table(), "parameter-store", store.destination(), version);
        }
    }

    /**
     * Local route files (a directory stands for its {@code *.json} files, in name order); invalid files are an error
     * (exit code 1).
     */
    static ExplainedTable files(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            files.addAll(expand(path));
        }
        List<RouteParameter> parameters = new ArrayList<>();
        for (Path file : files) {
            parameters.add(new RouteParameter(file.toString(), RouteFiles.read(file)));
        }
        TableCheck.Outcome verdict =
                TableCheck.routersVerdict(FunctionAllowlist.parse(null), "local files", parameters);
        if (!verdict.valid()) {
            throw new CliException(
                    RoutesCli.INVALID_CONFIG,
                    Problems.format("invalid", verdict.problems()).stripTrailing());
        }
        return new ExplainedTable(
                verdict.table(),
                "files",
                String.join(", ", files.stream().map(Path::toString).toList()),
                Optional.empty());
    }

    private static List<Path> expand(Path path) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> entries = Files.list(path)) {
            List<Path> files = entries.filter(f -> f.toString().endsWith(".json") && Files.isRegularFile(f))
                    .sorted()
                    .toList();
            if (files.isEmpty()) {
                throw CliException.usage("--file " + path + ": the directory holds no *.json route files");
            }
            return files;
        } catch (IOException e) {
            throw CliException.usage("cannot list " + path + ": " + e);
        }
    }

    /** {@code version 42 at endpoint ... } or {@code local files: a.json, b.json}, with the route count. */
    String describe() {
        String routes = table.size() + (table.size() == 1 ? " route" : " routes");
        return source.equals("files")
                ? "local files " + location + " (" + routes + ")"
                : version.map(v -> "version " + v).orElse("unversioned table") + " at " + location + " (" + routes
                        + ")";
    }
}
