package dev.lambdarouter.engine;

import static dev.lambdarouter.engine.TestTables.ORIGIN;
import static dev.lambdarouter.engine.TestTables.forward;
import static dev.lambdarouter.engine.TestTables.problems;
import static dev.lambdarouter.engine.TestTables.table;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The route's {@code fault} field: what it compiles to, each bad value's message, and which requests it concerns. */
class FaultConfigTest {

    private static final String TARGETS =
            "\"targets\":[{\"function\":\"orders-v1\",\"weight\":90},{\"function\":\"orders-v2\",\"weight\":10}]";

    /** Route "r" (two targets, default timeout 10 s) with {@code "fault": faultJson} and any extra members. */
    private static String routeWithFault(String faultJson, String extraFields) {
        return "{\"name\":\"r\",\"priority\":1," + TARGETS + (extraFields.isEmpty() ? "" : "," + extraFields)
                + ",\"fault\":" + faultJson + "}";
    }

    private static FaultPolicy compiled(String faultJson) {
        return forward(table(routeWithFault(faultJson, "")).routes().get(0))
                .fault()
                .orElseThrow(() -> new AssertionError("no fault compiled"));
    }

    /** Exactly one problem, for route 'r' of the test origin, containing {@code expected}. */
    private static void assertOneProblem(String faultJson, String extraFields, String expected) {
        List<String> problems = problems(routeWithFault(faultJson, extraFields));
        assertAll(
                () -> assertEquals(1, problems.size(), () -> "expected one problem, got " + problems),
                () -> assertTrue(problems.get(0).startsWith(ORIGIN + ": route 'r': "), problems.get(0)),
                () -> assertTrue(problems.get(0).contains(expected), () -> "'" + expected + "' missing: " + problems));
    }

    @Test
    void offUnlessConfigured() {
        Forward forward = forward(table("{\"name\":\"r\",\"priority\":1," + TARGETS + "}")
                .routes()
                .get(0));
        assertEquals(Optional.empty(), forward.fault());
    }

    @Test
    void compilesEveryPart() {
        FaultPolicy fault = compiled("""
                {"abort":{"percent":10,"status":503},"delay":{"percent":2.5,"ms":200},
                 "target":"orders-v2","header":{"name":"X-Fault","value":"on"}}""");
        assertEquals(Optional.of(new FaultPolicy.Abort(10, 503)), fault.abort());
        assertEquals(Optional.of(new FaultPolicy.Delay(2.5, Duration.ofMillis(200))), fault.delay());
        assertEquals(Optional.of("orders-v2"), fault.target());
        assertEquals(Optional.of("x-fault"), fault.headerName(), "header names are case-insensitive");
        assertEquals(Optional.of("on"), fault.headerValue());
        assertEquals(
                "abort 10% with 503, delay 2.5% by 200 ms, only target orders-v2, only with header x-fault: on",
                fault.describe());
    }

    @Test
    void abortAloneOrDelayAlone() {
        FaultPolicy abort = compiled("{\"abort\":{\"percent\":100,\"status\":418}}");
        assertEquals(Optional.empty(), abort.delay());
        assertEquals(Optional.empty(), abort.target());
        FaultPolicy delay = compiled("{\"delay\":{\"percent\":0.1,\"ms\":1}}");
        assertEquals(Optional.empty(), delay.abort());
        assertEquals(Optional.of(new FaultPolicy.Delay(0.1, Duration.ofMillis(1))), delay.delay());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "{}|fault needs \"abort\", \"delay\" or both",
                "{\"target\":\"orders-v2\"}|fault needs \"abort\", \"delay\" or both",
                "{\"abort\":{\"status\":503}}|fault.abort.percent is required, greater than 0 and at most 100",
                "{\"abort\":{\"percent\":0,\"status\":503}}|fault.abort.percent 0 is out of range: greater than 0",
                "{\"abort\":{\"percent\":-5,\"status\":503}}|fault.abort.percent -5 is out of range",
                "{\"abort\":{\"percent\":100.5,\"status\":503}}|fault.abort.percent 100.5 is out of range",
                "{\"abort\":{\"percent\":10}}|fault.abort.status is required (400..599)",
                "{\"abort\":{\"percent\":10,\"status\":399}}|fault.abort.status 399 is out of range 400..599",
                "{\"abort\":{\"percent\":10,\"status\":600}}|fault.abort.status 600 is out of range 400..599",
                "{\"abort\":{\"percent\":10,\"status\":200}}|fault.abort.status 200 is out of range 400..599",
                "{\"delay\":{\"ms\":200}}|fault.delay.percent is required, greater than 0 and at most 100",
                "{\"delay\":{\"percent\":101,\"ms\":200}}|fault.delay.percent 101 is out of range",
                "{\"delay\":{\"percent\":5}}|fault.delay.ms is required (1..60000)",
                "{\"delay\":{\"percent\":5,\"ms\":0}}|fault.delay.ms 0 is out of range 1..60000",
                "{\"delay\":{\"percent\":5,\"ms\":60001}}|fault.delay.ms 60001 is out of range 1..60000",
                "{\"delay\":{\"percent\":5,\"ms\":10000}}|fault.delay.ms 10000 must be less than the route's"
                        + " timeoutMs (10000)",
                "{\"abort\":{\"percent\":5,\"status\":503},\"target\":\"orders-v3\"}|fault.target 'orders-v3' is not"
                        + " one of the route's targets (orders-v1, orders-v2)",
                "{\"abort\":{\"percent\":5,\"status\":503},\"header\":{\"value\":\"on\"}}|fault.header.name is required",
                "{\"abort\":{\"percent\":5,\"status\":503},\"header\":{\"name\":\"x fault\"}}|fault.header.name 'x fault'"
                        + " is not a valid header name",
            })
    void eachBadValueIsItsOwnProblem(String faultJson, String expected) {
        assertOneProblem(faultJson, "", expected);
    }

    @Test
    void theDelayMustBeShorterThanTheRoutesOwnTimeout() {
        assertOneProblem(
                "{\"delay\":{\"percent\":5,\"ms\":300}}",
                "\"timeoutMs\":300",
                "fault.delay.ms 300 must be less than the route's timeoutMs (300)");
        assertTrue(compiled("{\"delay\":{\"percent\":5,\"ms\":9999}}").delay().isPresent());
    }

    @Test
    void unknownFieldsAreRejectedWithTheirPath() {
        List<String> problems = problems(routeWithFault(
                "{\"abort\":{\"percent\":5,\"status\":503,\"code\":1},\"delay\":{\"percent\":5,\"millis\":9},"
                        + "\"header\":{\"name\":\"x\",\"regex\":\".*\"},\"probability\":1}",
                ""));
        String all = String.join("\n", problems);
        assertAll(
                () -> assertTrue(all.contains("unknown field 'fault.abort.code'"), all),
                () -> assertTrue(all.contains("unknown field 'fault.delay.millis'"), all),
                () -> assertTrue(all.contains("unknown field 'fault.header.regex'"), all),
                () -> assertTrue(all.contains("unknown field 'fault.probability'"), all));
    }

    @Test
    void wrongValueTypesAreRejected() {
        String all = String.join("\n", problems(routeWithFault("{\"abort\":{\"percent\":5,\"status\":503.5}}", "")));
        assertTrue(all.contains("invalid value at 'fault.abort.status'"), all);
    }

    @Test
    void onlyRoutesThatInvokeATargetMayHaveAFault() {
        List<String> problems = problems("""
                {"name":"r","priority":1,"fixedResponse":{"status":503},
                 "fault":{"abort":{"percent":10,"status":500}}}""");
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("fault applies only to routes that invoke a target"), problems::toString);
    }

    @Test
    void everyProblemOfTheFieldIsListed() {
        List<String> problems = problems(routeWithFault(
                "{\"abort\":{\"percent\":0,\"status\":700},\"delay\":{\"percent\":5,\"ms\":0},\"target\":\"x\"}", ""));
        assertEquals(4, problems.size(), problems::toString);
    }

    @Test
    void appliesToItsTargetAndHeaderOnly() {
        FaultPolicy limited = compiled("""
                {"abort":{"percent":10,"status":503},"target":"orders-v2","header":{"name":"X-Fault","value":"on"}}""");
        RoutingRequest on = request(Map.of("x-fault", List.of("off", "on")));
        RoutingRequest off = request(Map.of("X-Fault", List.of("off")));
        RoutingRequest none = request(Map.of());
        assertAll(
                () -> assertTrue(limited.appliesTo("orders-v2", on), "target and one header value match"),
                () -> assertFalse(limited.appliesTo("orders-v1", on), "another target"),
                () -> assertFalse(limited.appliesTo("orders-v2", off), "another header value"),
                () -> assertFalse(limited.appliesTo("orders-v2", none), "no header"));

        FaultPolicy presence = compiled("{\"delay\":{\"percent\":10,\"ms\":5},\"header\":{\"name\":\"x-fault\"}}");
        assertAll(
                () -> assertTrue(presence.appliesTo("orders-v1", off), "present, any value, any target"),
                () -> assertFalse(presence.appliesTo("orders-v1", none), "absent"));

        FaultPolicy everyRequest = compiled("{\"delay\":{\"percent\":10,\"ms\":5}}");
        assertTrue(everyRequest.appliesTo("orders-v1", none));
    }

    private static RoutingRequest request(Map<String, List<String>> headers) {
        return new RoutingRequest("GET", "api.example.com", "/orders", headers, Map.of(), null);
    }
}
