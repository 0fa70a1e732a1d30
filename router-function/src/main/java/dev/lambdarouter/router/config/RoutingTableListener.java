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
