package dev.lambdarouter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLayoutTest {

    @Test
    void namesEveryParameterUnderThePrefix() {
        ConfigLayout layout = new ConfigLayout("/lambda-router/qa");
        assertEquals("/lambda-router/qa/routes", layout.routesPath());
        assertEquals("/lambda-router/qa/routes/team-a/orders", layout.routeParameter("team-a/orders"));
        assertEquals("/lambda-router/qa/version", layout.versionParameter());
        assertEquals("/lambda-router/qa/allowed-functions", layout.allowedFunctionsParameter());
        assertEquals("/lambda-router/qa/rollouts", layout.rolloutsPath());
        assertEquals("/lambda-router/qa/rollouts/orders", layout.rolloutParameter("orders"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "lambda-router/dev", "/lambda-router/dev/"})
    void rejectsAPrefixThatIsNotAnAbsolutePathWithoutTrailingSlash(String prefix) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ConfigLayout(prefix));
        assertEquals("ROUTER_CONFIG_PREFIX must start with '/' and must not end with '/': " + prefix, e.getMessage());
    }
}
