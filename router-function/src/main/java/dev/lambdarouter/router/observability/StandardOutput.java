package dev.lambdarouter.router.observability;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard output, where Lambda collects the router's request lines and EMF records. The lines written while a
 * request is recorded ({@link #batched}) leave in one write at its end instead of one per line: each write to the
 * pipe Lambda reads wakes its reader, and the first write of a request cost about 40 µs of CPU in the warm-overhead
 * harness (perf), the second about 8 µs. Lines written outside a batch (the
 * refresher thread's config events) go straight to {@link System#out}.
 */
public final class StandardOutput {

    private static final ThreadLocal<Batch> BATCH = ThreadLocal.withInitial(Batch::new);

    private StandardOutput() {}

    /** Where to write a line now: this thread's batch while one is open, else {@link System#out} as it is now. */
    public static PrintStream stream() {
        Batch batch = BATCH.get();
        return batch.open ? batch.stream : System.out;
    }

    /**
     * Runs {@code writes}; the lines they write to {@link #stream()} reach {@link System#out} in one write when it
     * ends, even if it fails. A batch opened inside another is part of it.
     */
    public static void batched(Runnable writes) {
        Batch batch = BATCH.get();
        if (batch.open) {
            writes.run();
            return;
        }
        batch.open = true;
        try {
            writes.run();
        } finally {
            batch.open = false;
            batch.drainTo(System.out);
        }
    }

    /** One thread's pending lines; its buffer is kept from request to request. */
    private static final class Batch {
        private final Lines lines = new Lines();
        private final PrintStream stream = new PrintStream(lines, false, StandardCharsets.UTF_8);
        private boolean open;

        void drainTo(PrintStream out) {
            stream.flush();
            if (lines.size() > 0) {
                lines.writeTo(out);
                out.flush();
                lines.reset();
            }
        }
    }

    private static final class Lines extends ByteArrayOutputStream {
        Lines() {
            super(2048);
        }

        void writeTo(PrintStream out) {
            out.write(buf, 0, count);
        }
    }
}
