package dev.lambdarouter.localstack.log;

import java.io.PrintStream;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The local stack's console: every line is prefixed with its source in brackets, e.g.
 * {@code [lambda-router-dev-router/env-1] {"level":"INFO",...}} or {@code [alb] ...}, and whole lines are
 * written atomically so that concurrent sources never interleave within a line.
 */
public final class ConsoleLog {

    private final Consumer<String> sink;

    private ConsoleLog(Consumer<String> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Lines go to a stream (e.g. {@code System.out}). */
    public static ConsoleLog to(PrintStream out) {
        return new ConsoleLog(line -> {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        });
    }

    /** Lines go to a consumer (which must be thread-safe). */
    public static ConsoleLog to(Consumer<String> sink) {
        return new ConsoleLog(sink);
    }

    /** Writes {@code [source] text}. */
    public void line(String source, String text) {
        sink.accept("[" + source + "] " + text);
    }
}
