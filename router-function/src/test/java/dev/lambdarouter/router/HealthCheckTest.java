package dev.lambdarouter.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lambdarouter.engine.RouteParameter;
import dev.lambdarouter.router.alb.AlbResponse;
import dev.lambdarouter.router.config.RoutingTableCache;
import dev.lambdarouter.router.config.RoutingTableListener;
import dev.lambdarouter.router.config.StaticRouteRepository;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthCheckTest {

    private static HealthCheck health(String routes) {
        RouterSettings settings = RouterSettings.from(Map.of());
        RoutingTableCache tables = new RoutingTableCache(
                new StaticRouteRepository("v\"7", List.of(new RouteParameter("/lambda-router/dev/routes/all", routes))),
                settings,
                RoutingTableListener.NONE,
                Runnable::run,
                System::nanoTime,
                () -> 0.0);
        return new HealthCheck("/_router/health", tables);
    }

    @Test
    void answersItsPathOnly() {
        HealthCheck health = health("[]");
        assertTrue(health.answers("/_router/health"));
        assertFalse(health.answers("/_router/health/"));
    }

    @Test
    void okWithTheConfigVersionWhileATableIsInForce() {
        AlbResponse r = health("[]").answer();
        assertEquals(200, r.status());
        assertEquals(List.of("application/json"), r.headers().get("content-type"));
        assertEquals("{\"status\":\"ok\",\"configVersion\":\"v\\\"7\"}", r.body());
    }

    @Test
    void unavailableBeforeATableLoaded() {
        AlbResponse r = health("[{\"name\":\"bad\"}]").answer();
        assertEquals(503, r.status());
        assertEquals("{\"status\":\"unavailable\"}", r.body());
    }
}
