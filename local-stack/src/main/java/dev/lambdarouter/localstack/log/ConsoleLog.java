package dev.lambdarouter.localstack.log;

/**
 * The local stack's console: every line is prefixed with its source in brackets, e.g.
 * {@code [lambda-router-dev-router/env-1] {"level":"INFO",...}} or {@code [alb] ...}.
 */
@FunctionalInterface
public interface ConsoleLog {

    /** Writes one whole line; thread-safe, so that concurrent sources never interleave within a line. */
    void write(String line);

    default void line(String source, String text) {
        write("[" + source + "] " + text);
    }
}
