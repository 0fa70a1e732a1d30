package dev.lambdarouter.router;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.engine.RoutingTable;
import dev.lambdarouter.router.alb.AlbResponse;
import dev.lambdarouter.router.config.RoutingTableCache;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * The router's own health answer on {@link RouterSettings#healthPath()}: {@code 200 {"status":"ok","configVersion"}}
 * while a routing table is in force, {@code 503 {"status":"unavailable"}} before the first one loaded.
 */
final class HealthCheck {

    private final String path;
    private final RoutingTableCache tables;
    private final ObjectMapper mapper;

    HealthCheck(String path, RoutingTableCache tables, ObjectMapper mapper) {
        this.path = path;
        this.tables = tables;
        this.mapper = mapper;
    }

    boolean answers(String requestPath) {
        return path.equals(requestPath);
    }

    AlbResponse answer() {
        Optional<RoutingTable> table = tables.current();
        LinkedHashMap<String, String> body = new LinkedHashMap<>();
        body.put("status", table.isPresent() ? "ok" : "unavailable");
        table.ifPresent(t -> body.put("configVersion", t.version()));
        return AlbResponse.json(table.isPresent() ? 200 : 503, "application/json", mapper, body);
    }
}
