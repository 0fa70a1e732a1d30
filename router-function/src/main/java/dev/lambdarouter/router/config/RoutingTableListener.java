package dev.lambdarouter.router.config;

import dev.lambdarouter.engine.RoutingTable;
import java.util.List;

/** What happens to the routing configuration, for logs and metrics. */
public interface RoutingTableListener {

    /** A new table was validated, compiled and put in force. */
    void tableLoaded(RoutingTable table, long loadMillis);

    /** An edit failed validation; the previous table (if any) stays in force. */
    void tableRejected(String version, List<String> problems, RoutingTable stillInForce);

    /** The store could not be read; the previous table (if any) stays in force. */
    void sourceUnavailable(String message, RoutingTable stillInForce);

    /**
     * A request that had to wait for a check of the store (the first after a SnapStart restore) waited
     * {@code waitedMillis} without an answer and is served the table in force, which may be out of date; the check
     * goes on in the background.
     */
    default void staleTableServed(RoutingTable stale, long waitedMillis) {}

    /** No version parameter exists, so every check re-lists all routes. Reported once per cache. */
    default void versionParameterMissing(String parameterName) {}

    RoutingTableListener NONE = new RoutingTableListener() {
        @Override
        public void tableLoaded(RoutingTable table, long loadMillis) {}

        @Override
        public void tableRejected(String version, List<String> problems, RoutingTable stillInForce) {}

        @Override
        public void sourceUnavailable(String message, RoutingTable stillInForce) {}
    };
}
