package dev.lambdarouter.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lambdarouter.engine.RouteParameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteConfigParserTest {
    private final RouteConfigParser parser = new RouteConfigParser();

    @Test
    void readsASingleRouteObject() {
        ParsedParameter parsed = parser.parse(new RouteParameter("/p/orders", """
        {"name": "orders", "priority": 100,
         "match": {"hosts": ["api.example.com"], "paths": [{"template": "/orders/{id}"}],
                   "headers": [{"name": "x-tenant", "present": true}]},
         "mode": "async",
         "targets": [{"function": "orders-v1", "weight": 90}, {"function": "orders-v2", "weight": 10}],
         "stickiness": {"type": "header", "name": "x-user-id"},
         "timeoutMs": 3000,
         "fixedResponse": {"status": 503, "contentType": "application/json", "body": "{}"}}
        """));
        assertEquals(List.of(), parsed.problems());
        assertEquals("/p/orders", parsed.origin());
        RouteConfig route = parsed.routes().get(0);
        assertEquals(
                new RouteConfig(
                        "orders",
                        100,
                        new MatchConfig(
                                List.of("api.example.com"),
                                List.of(new PathConfig(null, null, null, "/orders/{id}")),
                                null,
                                List.of(new ValueMatchConfig("x-tenant", null, null, true)),
                                null,
                                null),
                        "async",
                        List.of(new TargetConfig("orders-v1", 90), new TargetConfig("orders-v2", 10)),
                        new StickinessConfig("header", "x-user-id"),
                        3000,
                        new FixedResponseConfig(503, "application/json", "{}"),
                        null,
                        null,
                        null,
                        null,
                        null),
                route);
    }

    @Test
    void readsAnArrayOfRoutesInOrder() {
        ParsedParameter parsed = parser.parse(
                new RouteParameter("/p/all", "[{\"name\":\"a\",\"priority\":1},{\"name\":\"b\",\"priority\":2}]"));
        assertEquals(
                List.of("a", "b"),
                parsed.routes().stream().map(RouteConfig::name).toList());
        assertTrue(parsed.problems().isEmpty());
    }

    @Test
    void absentFieldsAreNull() {
        RouteConfig route =
                parser.parse(new RouteParameter("/p/x", "{}")).routes().get(0);
        assertNull(route.name());
        assertNull(route.match());
        assertNull(route.targets());
    }

    @Test
    void unknownFieldsAreReportedButTheRestIsStillRead() {
        ParsedParameter parsed = parser.parse(new RouteParameter(
                "/p/x",
                "{\"name\":\"a\",\"priority\":1,\"retries\":3,\"targets\":[{\"function\":\"f\",\"wieght\":2}]}"));
        assertEquals(
                List.of("a"), parsed.routes().stream().map(RouteConfig::name).toList());
        assertEquals(2, parsed.problems().size(), parsed.problems()::toString);
        assertTrue(parsed.problems().get(0).startsWith("/p/x: route 'a': unknown field 'retries'"));
        assertTrue(parsed.problems().get(1).startsWith("/p/x: route 'a': unknown field 'targets[0].wieght'"));
    }

    @Test
    void malformedJsonNamesTheOriginAndPosition() {
        ParsedParameter parsed = parser.parse(new RouteParameter("/p/broken", "{\"name\": \"a\",\n \"priority\": }"));
        assertTrue(parsed.routes().isEmpty());
        assertEquals(1, parsed.problems().size());
        assertTrue(
                parsed.problems().get(0).startsWith("/p/broken: malformed JSON: "),
                parsed.problems().get(0));
        assertTrue(
                parsed.problems().get(0).contains("line 2"), parsed.problems().get(0));
    }

    @Test
    void trailingContentIsMalformed() {
        ParsedParameter parsed = parser.parse(new RouteParameter("/p/x", "{\"name\":\"a\"} {\"name\":\"b\"}"));
        assertEquals(1, parsed.problems().size(), parsed.problems()::toString);
        assertTrue(parsed.problems().get(0).startsWith("/p/x: malformed JSON"));
    }

    @Test
    void emptyValue() {
        ParsedParameter parsed = parser.parse(new RouteParameter("/p/x", "  "));
        assertEquals(
                List.of("/p/x: empty value; expected a route object or an array of route objects"), parsed.problems());
    }
}
