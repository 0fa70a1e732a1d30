package dev.lambdarouter.router;

import dev.lambdarouter.engine.RoutingTable;
import dev.lambdarouter.router.alb.AlbResponse;
import dev.lambdarouter.router.alb.FlatJsonObject;
import dev.lambdarouter.router.config.RoutingTableCache;
import java.util.Optional;

/**
 * The router's own health answer on {@link RouterSettings#healthPath()}: {@code 200 {"status":"ok","configVersion"}}
 * while a routing table is in force, {@code 503 {"status":"unavailable"}} before the first one loaded.
 */
final class HealthCheck {

    private final String path;
    private final RoutingTableCache tables;

    HealthCheck(String path, RoutingTableCache tables) {
        this.path = path;
        this.tables = tables;
    }

    boolean answers(String requestPath) {
        return path.equals(requestPath);
    }

    AlbResponse answer() {
        Optional<RoutingTable> table = tables.current();
        if (table.isEmpty()) {
            return AlbResponse.json(503, "application/json", "{\"status\":\"unavailable\"}");
        }
        String body = new FlatJsonObject()
                .add("status", "ok")
                .add("configVersion", table.get().version())
                .toString();
        return AlbResponse.json(200, "application/json", body);
    }
}
