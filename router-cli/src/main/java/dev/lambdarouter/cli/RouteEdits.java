package dev.lambdarouter.cli;

import dev.lambdarouter.store.RouteEditException;
import java.util.function.Supplier;

/** Turns the route store's refusals of a weight edit into the CLI's errors and exit codes. */
final class RouteEdits {
    private RouteEdits() {}

    /**
     * Runs {@code edit}: a missing route or target is a usage error ({@value RoutesCli#USAGE}); a route defined twice
     * or without targets is invalid configuration ({@value RoutesCli#INVALID_CONFIG}).
     */
    static <T> T edit(Supplier<T> edit) {
        try {
            return edit.get();
        } catch (RouteEditException e) {
            throw switch (e.reason()) {
                case ROUTE_NOT_FOUND -> CliException.usage(e.getMessage());
                case UNKNOWN_TARGET -> CliException.usage(e.getMessage() + "; use --add to add it");
                case DUPLICATE_ROUTE, NO_TARGETS -> new CliException(RoutesCli.INVALID_CONFIG, e.getMessage());
            };
        }
    }
}
