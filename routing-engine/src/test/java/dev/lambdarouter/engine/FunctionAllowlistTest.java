package dev.lambdarouter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionAllowlistTest {

    private final FunctionAllowlist allowlist =
            FunctionAllowlist.parse(" orders-v1, arn:aws:lambda:us-east-1:123456789012:function:orders-v2 ,");

    @Test
    void allowsNamesAliasesAndArnsOfListedFunctions() {
        assertTrue(allowlist.allows("orders-v1"));
        assertTrue(allowlist.allows("orders-v1:live"));
        assertTrue(allowlist.allows("arn:aws:lambda:eu-west-1:123456789012:function:orders-v1:7"));
        assertTrue(allowlist.allows("orders-v2"));
        assertFalse(allowlist.allows("billing"));
        assertFalse(allowlist.allows("orders-v1x"));
    }

    @Test
    void emptyAllowlistAllowsEverything() {
        assertTrue(FunctionAllowlist.parse("").allows("anything"));
        assertTrue(FunctionAllowlist.parse(null).allows("anything"));
    }

    @Test
    void violationsNameTheParameterRouteAndFunction() throws Exception {
        RoutingTable table = RoutingTable.compile("1", List.of(new RouteParameter("/p/routes/x", """
        {"name":"x","priority":1,"targets":[{"function":"orders-v1","weight":1},{"function":"billing","weight":1}]}
        """)));
        List<String> problems = allowlist.violations(table);
        assertEquals(1, problems.size());
        assertTrue(
                problems.get(0).contains("/p/routes/x")
                        && problems.get(0).contains("'x'")
                        && problems.get(0).contains("billing"),
                problems.get(0));
    }

    @Test
    void compileAcceptsOnlyAValidTableWithinTheAllowlist() throws Exception {
        RouteParameter allowed = new RouteParameter("/p/routes/a", """
        {"name":"a","priority":1,"targets":[{"function":"orders-v1:live","weight":1}]}
        """);
        RouteParameter foreign = new RouteParameter("/p/routes/b", """
        {"name":"b","priority":2,"targets":[{"function":"billing","weight":1}],"mirror":{"function":"shadow","percent":5}}
        """);
        RouteParameter invalid = new RouteParameter("/p/routes/c", """
        {"name":"c","priority":3,"targets":[]}
        """);

        RoutingTable accepted = allowlist.compile("7", List.of(allowed));
        ForbiddenFunctionsException forbidden = assertThrows(
                ForbiddenFunctionsException.class, () -> allowlist.compile("8", List.of(allowed, foreign)));
        ConfigValidationException broken = assertThrows(
                ConfigValidationException.class, () -> allowlist.compile("9", List.of(allowed, foreign, invalid)));

        assertEquals("7", accepted.version());
        assertEquals(1, accepted.size());
        assertEquals(2, forbidden.problems().size(), forbidden.problems()::toString);
        assertTrue(forbidden.problems().get(0).contains("'billing'"), forbidden.problems()::toString);
        assertTrue(forbidden.problems().get(1).contains("'shadow'"), forbidden.problems()::toString);
        assertTrue(broken.problems().get(0).contains("/p/routes/c"), broken.problems()::toString);
        assertEquals(
                1, FunctionAllowlist.parse(null).compile("1", List.of(foreign)).size());
    }

    @Test
    void aFixedResponseRouteInvokesNothingSoItsParkedTargetsAreNotChecked() throws Exception {
        RoutingTable table = RoutingTable.compile("1", List.of(new RouteParameter("/p/routes/m", """
        {"name":"m","priority":1,"targets":[{"function":"billing","weight":1}],"fixedResponse":{"status":503}}
        """)));
        assertEquals(List.of(), allowlist.violations(table));
    }
}
