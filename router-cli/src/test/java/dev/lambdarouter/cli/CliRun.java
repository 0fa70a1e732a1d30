package dev.lambdarouter.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** One in-process run of {@code routes} with captured output. */
record CliRun(int exitCode, String out, String err) {

    /** A run in an empty environment: nothing from the shell running the tests leaks in. */
    static CliRun of(SsmClients clients, List<String> args) {
        return of(clients, Map.of(), args);
    }

    /** A run with {@code environment} as the CLI's environment variables. */
    static CliRun of(SsmClients clients, Map<String, String> environment, List<String> args) {
        CommandLine commandLine = RoutesCli.commandLine(clients, environment);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args.toArray(String[]::new));
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /** Offline commands: no client is ever opened. */
    static CliRun offline(String... args) {
        return of(
                new SsmClients(builder -> {
                    throw new AssertionError("an offline command opened an SSM client");
                }),
                List.of(args));
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
