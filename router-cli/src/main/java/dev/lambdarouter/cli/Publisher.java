package dev.lambdarouter.cli;

import dev.lambdarouter.store.PublishResult;
import java.io.PrintWriter;

/**
 * Prints what a publish through {@link dev.lambdarouter.store.TablePublisher} did and turns it into the CLI's exit code:
 * published, dry run and unchanged on stdout (exit 0); rejected (exit {@value RoutesCli#INVALID_CONFIG}) and conflict
 * (exit {@value RoutesCli#CONFLICT}) on stderr.
 */
final class Publisher {
    private Publisher() {}

    /** Prints {@code result} and returns the exit code. */
    static int print(PublishResult result, PrintWriter out, PrintWriter err) {
        PrintWriter target = result.succeeded() ? out : err;
        result.describe().forEach(target::println);
        target.flush();
        if (result instanceof PublishResult.Rejected) {
            return RoutesCli.INVALID_CONFIG;
        }
        return result instanceof PublishResult.Conflict ? RoutesCli.CONFLICT : RoutesCli.OK;
    }
}
