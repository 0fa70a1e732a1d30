package dev.lambdarouter.cli;

/** An error the CLI reports as one line (no stack trace) and turns into an exit code. */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    static CliException usage(String message) {
        return new CliException(RoutesCli.USAGE, message);
    }

    int exitCode() {
        return exitCode;
    }
}
