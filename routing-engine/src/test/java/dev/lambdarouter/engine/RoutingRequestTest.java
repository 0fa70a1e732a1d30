package dev.lambdarouter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingRequestTest {
    private static RoutingRequest withHeaders(Map<String, List<String>> headers) {
        return new RoutingRequest("GET", "h.io", "/", headers, Map.of(), null);
    }

    @Test
    void normalisesHostMethodAndHeaderNames() {
        RoutingRequest request = new RoutingRequest(
                "get",
                "API.Example.COM",
                "/A",
                Map.of("X-Tenant", List.of("t1")),
                Map.of("Q", List.of("v")),
                "10.0.0.1");
        assertEquals("GET", request.method());
        assertEquals("api.example.com", request.host());
        assertEquals("/A", request.path());
        assertEquals("t1", request.firstHeader("x-tenant"));
        assertEquals(Map.of("Q", List.of("v")), request.queryParams());
        assertEquals("10.0.0.1", request.sourceIp());
    }

    @Test
    void firstHeaderIsNullWhenAbsentOrEmpty() {
        RoutingRequest request = withHeaders(Map.of("x-empty", List.of()));
        assertNull(request.firstHeader("x-empty"));
        assertNull(request.firstHeader("x-missing"));
    }

    @Test
    void cookieIsParsedFromEveryCookieHeader() {
        RoutingRequest request =
                withHeaders(Map.of("cookie", List.of("theme=dark; lang=en", " session = \"abc123\" ;other=1")));
        assertEquals("dark", request.cookie("theme"));
        assertEquals("en", request.cookie("lang"));
        assertEquals("abc123", request.cookie("session"));
        assertEquals("1", request.cookie("other"));
    }

    @Test
    void cookieNamesMustMatchExactly() {
        RoutingRequest request = withHeaders(Map.of("cookie", List.of("xsession=1; session_id=2; flag")));
        assertNull(request.cookie("session"));
        assertNull(request.cookie("flag"));
        assertEquals("2", request.cookie("session_id"));
    }

    @Test
    void firstCookieOccurrenceWins() {
        assertEquals("1", withHeaders(Map.of("cookie", List.of("a=1; a=2"))).cookie("a"));
    }

    @Test
    void noCookieHeader() {
        assertNull(withHeaders(Map.of()).cookie("a"));
    }
}
