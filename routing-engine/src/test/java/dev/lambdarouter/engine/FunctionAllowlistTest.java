package dev.lambdarouter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        RoutingTable table = RoutingTable.compile("1", List.of(new RouteSource("/p/routes/x", """
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
}
