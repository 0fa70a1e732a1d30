package dev.lambdarouter.engine;

import static dev.lambdarouter.engine.TestTables.forward;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code asyncEvent}: which client headers are removed from events sent with Event invoke. */
class AsyncEventConfigTest {

    private static Route compile(String json) throws ConfigValidationException {
        return RoutingTable.compile("1", List.of(new RouteParameter("/p/routes/r", json)))
                .routes()
                .get(0);
    }

    private static String problems(String json) {
        List<String> problems = assertThrows(ConfigValidationException.class, () -> compile(json))
                .problems();
        assertTrue(problems.stream().allMatch(p -> p.startsWith("/p/routes/r: route 'r': ")), problems.toString());
        return String.join("\n", problems);
    }

    @Test
    void withoutTheFieldCredentialHeadersAreDropped() throws Exception {
        Route route = compile("""
        {"name":"r","priority":1,"mode":"async","targets":[{"function":"a"}]}""");
        assertEquals(AsyncEventPolicy.DEFAULT, forward(route).asyncEvent());
        assertEquals(
                Set.of(
                        "authorization",
                        "proxy-authorization",
                        "cookie",
                        "x-api-key",
                        "x-amz-security-token",
                        "x-amzn-oidc-accesstoken"),
                forward(route).asyncEvent().dropHeaders());
    }

    @Test
    void aRouteReplacesTheListWithLowerCasedNames() throws Exception {
        Route route = compile("""
        {"name":"r","priority":1,"mode":"async","targets":[{"function":"a"}],
         "asyncEvent":{"dropHeaders":["X-Tenant-Secret","cookie"]}}""");
        assertEquals(
                Set.of("x-tenant-secret", "cookie"), forward(route).asyncEvent().dropHeaders());
    }

    @Test
    void anEmptyListForwardsEveryHeader() throws Exception {
        Route route = compile("""
        {"name":"r","priority":1,"mode":"async","targets":[{"function":"a"}],"asyncEvent":{"dropHeaders":[]}}""");
        assertEquals(Set.of(), forward(route).asyncEvent().dropHeaders());
    }

    @Test
    void aSyncRouteMayConfigureItForItsMirrorCopies() throws Exception {
        Route route = compile("""
        {"name":"r","priority":1,"targets":[{"function":"a"}],"mirror":{"function":"shadow","percent":5},
         "asyncEvent":{"dropHeaders":["cookie"]}}""");
        assertEquals(Set.of("cookie"), forward(route).asyncEvent().dropHeaders());
    }

    @Test
    void aSyncRouteWithoutMirrorHasNoEventToRedact() {
        String all = problems("""
        {"name":"r","priority":1,"targets":[{"function":"a"}],"asyncEvent":{"dropHeaders":["cookie"]}}""");
        assertTrue(all.contains("asyncEvent applies only to Event invokes"), all);
    }

    @Test
    void badListsAreRejectedWithEveryProblem() {
        String all = problems("""
        {"name":"r","priority":1,"mode":"async","targets":[{"function":"a"}],
         "asyncEvent":{"dropHeaders":["cookie","bad header",null,"COOKIE",""]}}""");
        assertTrue(all.contains("asyncEvent.dropHeaders[1]: 'bad header' is not a valid header name"), all);
        assertTrue(all.contains("asyncEvent.dropHeaders[2] is null"), all);
        assertTrue(all.contains("asyncEvent.dropHeaders[3]: 'COOKIE' is listed more than once"), all);
        assertTrue(all.contains("asyncEvent.dropHeaders[4]: '' is not a valid header name"), all);
    }

    @Test
    void theListIsRequired() {
        String all = problems("""
        {"name":"r","priority":1,"mode":"async","targets":[{"function":"a"}],"asyncEvent":{}}""");
        assertTrue(all.contains("asyncEvent.dropHeaders is required"), all);
    }

    @Test
    void wrongTypesAndUnknownFieldsAreRejected() {
        assertTrue(problems("""
        {"name":"r","priority":1,"mode":"async","targets":[{"function":"a"}],"asyncEvent":{"dropHeaders":"cookie"}}""").contains("asyncEvent.dropHeaders"));
        assertTrue(problems("""
        {"name":"r","priority":1,"mode":"async","targets":[{"function":"a"}],"asyncEvent":{"drop":["cookie"]}}""").contains("unknown field 'asyncEvent.drop'"));
    }
}
