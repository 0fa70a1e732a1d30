package dev.lambdarouter.engine;

import static dev.lambdarouter.engine.TestTables.ORIGIN;
import static dev.lambdarouter.engine.TestTables.forward;
import static dev.lambdarouter.engine.TestTables.problems;
import static dev.lambdarouter.engine.TestTables.table;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each kind of configuration problem is reported with its origin and route. */
class ConfigValidationTest {
    private static final String TARGETS = "\"targets\":[{\"function\":\"fn\",\"weight\":1}]";

    /** A route named "r" with priority 1, one target, and the given extra fields (JSON members). */
    private static String routeWith(String extraFields) {
        return "{\"name\":\"r\",\"priority\":1," + TARGETS + (extraFields.isEmpty() ? "" : "," + extraFields) + "}";
    }

    @Test
    void anEmptyArrayIsAParameterWithoutRoutes() throws Exception {
        // The CLI's rollback writes [] to take a parameter's routes out of the table; routers must accept it.
        RouteParameter emptied = new RouteParameter("/p/routes/emptied", " [ ]\n");
        RouteParameter other = new RouteParameter(ORIGIN, routeWith(""));

        RoutingTable table = FunctionAllowlist.parse("fn").compile("v1", List.of(emptied, other));
        RoutingTable alone = RoutingTable.compile("v1", List.of(emptied));

        assertEquals(List.of("r"), table.routes().stream().map(Route::name).toList());
        assertEquals(0, alone.size());
    }

    /** Asserts exactly one problem, naming the test origin and route 'r', containing every fragment. */
    private static void assertOneProblem(List<String> problems, String... fragments) {
        assertEquals(1, problems.size(), () -> "expected one problem, got " + problems);
        assertProblem(problems.get(0), "route 'r'", fragments);
    }

    private static void assertProblem(String problem, String routeLabel, String... fragments) {
        assertAll(
                () -> assertTrue(problem.startsWith(ORIGIN + ": "), () -> "origin missing: " + problem),
                () -> assertTrue(problem.contains(routeLabel), () -> "route missing: " + problem),
                () -> {
                    for (String fragment : fragments) {
                        assertTrue(problem.contains(fragment), () -> "'" + fragment + "' missing: " + problem);
                    }
                });
    }

    @Nested
    class Syntax {
        @Test
        void malformedJson() {
            List<String> problems = problems("{\"name\":\"r\",");
            assertEquals(1, problems.size());
            assertTrue(problems.get(0).startsWith(ORIGIN + ": malformed JSON"), problems.get(0));
        }

        @Test
        void duplicateJsonKey() {
            List<String> problems = problems("{\"name\":\"r\",\"name\":\"s\",\"priority\":1," + TARGETS + "}");
            assertTrue(problems.get(0).contains("Duplicate field 'name'"), problems.get(0));
        }

        @Test
        void unknownFieldsAreAllListedWithTheirPath() {
            List<String> problems = problems(routeWith("\"weights\":1,\"match\":{\"hostz\":[\"a\"],"
                    + "\"paths\":[{\"exact\":\"/a\",\"exactly\":\"/b\"}]}"));
            assertEquals(3, problems.size(), problems::toString);
            assertProblem(problems.get(0), "route 'r'", "unknown field 'weights'", "known fields:", "priority");
            assertProblem(problems.get(1), "route 'r'", "unknown field 'match.hostz'", "hosts");
            assertProblem(problems.get(2), "route 'r'", "unknown field 'match.paths[0].exactly'");
        }

        @Test
        void wrongValueType() {
            assertOneProblem(
                    problems("{\"name\":\"r\",\"priority\":\"high\"," + TARGETS + "}"), "invalid value at 'priority'");
        }

        @Test
        void jsonThatIsNeitherObjectNorArray() {
            List<String> problems = problems("42");
            assertEquals(
                    List.of(ORIGIN + ": expected a route object or an array of route objects, got number"), problems);
        }

        @Test
        void arrayElementThatIsNotAnObject() {
            List<String> problems = problems("[" + routeWith("") + ", \"oops\"]");
            assertEquals(List.of(ORIGIN + ": element [1] is string, expected a route object"), problems);
        }
    }

    @Nested
    class Names {
        @Test
        void missingName() {
            List<String> problems =
                    problems("[{\"name\":\"ok\",\"priority\":1," + TARGETS + "},{\"priority\":1," + TARGETS + "}]");
            assertEquals(1, problems.size());
            assertProblem(problems.get(0), "unnamed route at [1]", "name is required");
        }

        @Test
        void badNameCharacters() {
            List<String> problems = problems("{\"name\":\"my route!\",\"priority\":1," + TARGETS + "}");
            assertEquals(1, problems.size());
            assertProblem(problems.get(0), "route 'my route!'", "must be 1-64 characters");
        }

        @Test
        void duplicateNamesAcrossSourcesNameBothOrigins() {
            List<String> problems = problems(
                    new RouteParameter("/p/routes/a", routeWith("")), new RouteParameter("/p/routes/b", routeWith("")));
            assertEquals(
                    List.of("/p/routes/b: route 'r': duplicate route name; already defined in /p/routes/a"), problems);
        }

        @Test
        void duplicateNamesWithinOneSource() {
            List<String> problems = problems("[" + routeWith("") + "," + routeWith("") + "]");
            assertOneProblem(problems, "duplicate route name", "earlier in this parameter");
        }
    }

    @Test
    void missingPriority() {
        assertOneProblem(problems("{\"name\":\"r\"," + TARGETS + "}"), "priority is required");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1_000_001})
    void priorityOutOfRange(int priority) {
        assertOneProblem(
                problems("{\"name\":\"r\",\"priority\":" + priority + "," + TARGETS + "}"),
                "priority " + priority + " is out of range 0..1000000");
    }

    @Nested
    class Targets {
        @Test
        void noTargets() {
            assertOneProblem(problems("{\"name\":\"r\",\"priority\":1}"), "at least one target is required");
            assertOneProblem(problems("{\"name\":\"r\",\"priority\":1,\"targets\":[]}"), "at least one target");
        }

        @Test
        void noTargetsIsAllowedWithAFixedResponse() {
            RoutingTable table = table("{\"name\":\"r\",\"priority\":1,\"fixedResponse\":{\"status\":503}}");
            assertEquals(1, table.size());
        }

        @Test
        void negativeWeight() {
            assertOneProblem(
                    problems("{\"name\":\"r\",\"priority\":1,\"targets\":[{\"function\":\"a\",\"weight\":1},"
                            + "{\"function\":\"b\",\"weight\":-5}]}"),
                    "targets[1].weight -5 is negative");
        }

        @Test
        void allWeightsZero() {
            assertOneProblem(
                    problems("{\"name\":\"r\",\"priority\":1,\"targets\":[{\"function\":\"a\",\"weight\":0},"
                            + "{\"function\":\"b\",\"weight\":0}]}"),
                    "all weights are 0");
        }

        @Test
        void duplicateTargetFunction() {
            assertOneProblem(
                    problems("{\"name\":\"r\",\"priority\":1,\"targets\":[{\"function\":\"a\",\"weight\":1},"
                            + "{\"function\":\"a\",\"weight\":2}]}"),
                    "targets[1].function 'a' appears more than once");
        }

        @Test
        void missingFunction() {
            assertOneProblem(
                    problems("{\"name\":\"r\",\"priority\":1,\"targets\":[{\"weight\":1}]}"),
                    "targets[0].function is required");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "has space",
                    "a:b:c",
                    "fn:",
                    ":alias",
                    "fn:bad.alias",
                    "a-function-name-that-is-far-too-long-for-lambda-to-accept-as-a-name-x",
                    "arn:aws:lambda:us-east-1:12345:function:fn",
                    "arn:aws:lambda:us-east-1:123456789012:function:",
                    "arn:aws:s3:us-east-1:123456789012:function:fn",
                    "arn:aws:lambda:useast1:123456789012:function:fn",
                    "arn:aws:lambda:us-east-1:123456789012:layer:fn"
                })
        void invalidFunctionIdentifier(String function) {
            assertOneProblem(
                    problems("{\"name\":\"r\",\"priority\":1,\"targets\":[{\"function\":\"" + function
                            + "\",\"weight\":1}]}"),
                    "targets[0].function '" + function + "' is invalid");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "orders-v1",
                    "orders_v1:live",
                    "orders:$LATEST",
                    "orders:42",
                    "arn:aws:lambda:eu-west-1:123456789012:function:orders",
                    "arn:aws:lambda:us-gov-west-1:123456789012:function:orders:prod",
                    "arn:aws-cn:lambda:cn-north-1:123456789012:function:orders:7"
                })
        void validFunctionIdentifiers(String function) {
            assertEquals(
                    function,
                    forward(table("{\"name\":\"r\",\"priority\":1,\"targets\":[{\"function\":\"" + function + "\"}]}")
                                    .routes()
                                    .get(0))
                            .targets()
                            .get(0)
                            .function());
        }

        @Test
        void weightDefaultsToOne() {
            assertEquals(
                    1,
                    forward(table("{\"name\":\"r\",\"priority\":1,\"targets\":[{\"function\":\"a\"}]}")
                                    .routes()
                                    .get(0))
                            .targets()
                            .get(0)
                            .weight());
        }
    }

    @Nested
    class MatchCriteria {
        @Test
        void badHeaderRegex() {
            assertOneProblem(
                    problems(routeWith("\"match\":{\"headers\":[{\"name\":\"x-a\",\"regex\":\"(unclosed\"}]}")),
                    "match.headers[0]",
                    "invalid regex '(unclosed'");
        }

        @Test
        void badQueryRegex() {
            assertOneProblem(
                    problems(routeWith("\"match\":{\"query\":[{\"name\":\"v\",\"regex\":\"[a-\"}]}")),
                    "match.query[0]",
                    "invalid regex '[a-'");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "10.0.0.0/33",
                    "10.0.0/8",
                    "10.0.0.256/32",
                    "10.1.0.0/8",
                    "example.com/8",
                    "2001:db8::/129",
                    "2001:db8:::1/64",
                    "2001:db8::1/32",
                    "10.0.0.0/",
                    "10.0.0.0/-1"
                })
        void badCidr(String cidr) {
            assertOneProblem(
                    problems(routeWith("\"match\":{\"sourceCidrs\":[\"" + cidr + "\"]}")),
                    "match.sourceCidrs[0]",
                    "'" + cidr + "' is not a valid CIDR");
        }

        @Test
        void pathNotStartingWithSlash() {
            assertOneProblem(
                    problems(routeWith("\"match\":{\"paths\":[{\"prefix\":\"orders\"}]}")),
                    "match.paths[0]",
                    "must start with '/'");
        }

        @Test
        void pathEntryMustHaveExactlyOneKind() {
            assertOneProblem(
                    problems(routeWith("\"match\":{\"paths\":[{\"exact\":\"/a\",\"prefix\":\"/a\"}]}")),
                    "match.paths[0]",
                    "exactly one of exact, prefix, glob, template (found 2)");
            assertOneProblem(problems(routeWith("\"match\":{\"paths\":[{}]}")), "(found 0)");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"/orders/{id", "/orders/id}", "/orders/{a}{b}", "/orders/x{id}", "/orders/{}", "/orders/{1x}"
                })
        void badTemplate(String template) {
            assertOneProblem(
                    problems(routeWith("\"match\":{\"paths\":[{\"template\":\"" + template + "\"}]}")),
                    "match.paths[0]",
                    "template '" + template + "'");
        }

        @Test
        void templateWithDuplicateParameterNames() {
            assertOneProblem(
                    problems(routeWith("\"match\":{\"paths\":[{\"template\":\"/a/{id}/b/{id}\"}]}")),
                    "parameter 'id' appears more than once");
        }

        @Test
        void globWithDoubleStarInsideASegment() {
            assertOneProblem(
                    problems(routeWith("\"match\":{\"paths\":[{\"glob\":\"/a/b**\"}]}")),
                    "'**' must be a whole path segment");
        }

        @Test
        void headerMatchNeedsExactlyOneOfExactRegexPresent() {
            assertOneProblem(
                    problems(routeWith("\"match\":{\"headers\":[{\"name\":\"x-a\"}]}")),
                    "match.headers[0]",
                    "exactly one of exact, regex, present (found 0)");
            assertOneProblem(
                    problems(routeWith(
                            "\"match\":{\"headers\":[{\"name\":\"x-a\",\"exact\":\"1\"," + "\"present\":true}]}")),
                    "(found 2)");
        }

        @Test
        void headerMatchNeedsAName() {
            assertOneProblem(
                    problems(routeWith("\"match\":{\"headers\":[{\"exact\":\"1\"}]}")),
                    "match.headers[0]: name is required");
        }

        @ParameterizedTest
        @ValueSource(strings = {"hosts", "paths", "methods", "headers", "query", "sourceCidrs"})
        void emptyListIsAnError(String field) {
            assertOneProblem(
                    problems(routeWith("\"match\":{\"" + field + "\":[]}")),
                    "match." + field + " is an empty list",
                    "omit the field to match everything");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"api.example.com:443", "*", "a.*.example.com", "*example.com", "exa mple.com", "example..com"
                })
        void badHost(String host) {
            assertOneProblem(
                    problems(routeWith("\"match\":{\"hosts\":[\"" + host + "\"]}")),
                    "match.hosts[0]",
                    "host '" + host + "'");
        }

        @Test
        void badMethod() {
            assertOneProblem(
                    problems(routeWith("\"match\":{\"methods\":[\"GE T\"]}")),
                    "match.methods[0]",
                    "not an HTTP method");
        }
    }

    @Test
    void unknownMode() {
        assertOneProblem(problems(routeWith("\"mode\":\"fire-and-forget\"")), "unknown mode 'fire-and-forget'");
    }

    @Nested
    class Stickiness {
        @Test
        void unknownType() {
            assertOneProblem(problems(routeWith("\"stickiness\":{\"type\":\"ip\"}")), "unknown stickiness.type 'ip'");
        }

        @Test
        void missingType() {
            assertOneProblem(problems(routeWith("\"stickiness\":{\"name\":\"x\"}")), "stickiness.type is required");
        }

        @ParameterizedTest
        @ValueSource(strings = {"header", "cookie"})
        void missingNameForHeaderOrCookie(String type) {
            assertOneProblem(
                    problems(routeWith("\"stickiness\":{\"type\":\"" + type + "\"}")),
                    "stickiness.name is required for type \"" + type + "\"");
        }

        @Test
        void nameIsNotUsedForSourceIp() {
            assertOneProblem(
                    problems(routeWith("\"stickiness\":{\"type\":\"sourceIp\",\"name\":\"x\"}")),
                    "stickiness.name is not used");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 900_001})
    void timeoutOutOfRange(int timeoutMs) {
        assertOneProblem(
                problems(routeWith("\"timeoutMs\":" + timeoutMs)),
                "timeoutMs " + timeoutMs + " is out of range 1..900000");
    }

    @ParameterizedTest
    @ValueSource(ints = {199, 600})
    void fixedResponseStatusOutOfRange(int status) {
        assertOneProblem(
                problems(routeWith("\"fixedResponse\":{\"status\":" + status + "}")),
                "fixedResponse.status " + status + " is out of range 200..599");
    }

    @Test
    void fixedResponseDefaults() {
        RouteAction action = table(routeWith("\"fixedResponse\":{\"status\":503}"))
                .routes()
                .get(0)
                .action();
        FixedResponse response = assertInstanceOf(FixedResponse.class, action, "a fixed response is the action");
        assertEquals(new FixedResponse(503, "text/plain; charset=utf-8", ""), response);
    }

    @Test
    void everyProblemOfEverySourceIsListed() {
        List<String> problems = problems(
                new RouteParameter(
                        "/p/routes/a",
                        "[{\"name\":\"a1\",\"priority\":-1,\"mode\":\"later\","
                                + "\"targets\":[{\"function\":\"x\",\"weight\":0}],\"match\":{\"hosts\":[]}},"
                                + "{\"name\":\"a2\",\"priority\":1,\"targets\":[{\"function\":\"x\"}],\"timeoutMs\":0,\"bogus\":1}]"),
                new RouteParameter("/p/routes/b", "{not json"),
                new RouteParameter(
                        "/p/routes/c",
                        "{\"name\":\"a1\",\"priority\":1,\"targets\":[{\"function\":\"bad fn\"}],"
                                + "\"match\":{\"sourceCidrs\":[\"1.2.3.4/40\"],\"headers\":[{\"name\":\"x\",\"regex\":\"*\"}]}}"));
        assertEquals(11, problems.size(), () -> String.join("\n", problems));
        List<String> expectedStarts = List.of(
                "/p/routes/a: route 'a1': priority -1",
                "/p/routes/a: route 'a1': match.hosts is an empty list",
                "/p/routes/a: route 'a1': unknown mode 'later'",
                "/p/routes/a: route 'a1': targets: all weights are 0",
                "/p/routes/a: route 'a2': unknown field 'bogus'",
                "/p/routes/a: route 'a2': timeoutMs 0",
                "/p/routes/b: malformed JSON",
                "/p/routes/c: route 'a1': duplicate route name; already defined in /p/routes/a",
                "/p/routes/c: route 'a1': match.headers[0]: header 'x': invalid regex",
                "/p/routes/c: route 'a1': match.sourceCidrs[0]: '1.2.3.4/40' is not a valid CIDR",
                "/p/routes/c: route 'a1': targets[0].function 'bad fn' is invalid");
        for (String start : expectedStarts) {
            assertTrue(
                    problems.stream().anyMatch(p -> p.startsWith(start)),
                    () -> "no problem starting with: " + start + "\nin:\n" + String.join("\n", problems));
        }
    }

    @Test
    void exceptionMessageSummarisesEveryProblem() {
        ConfigValidationException e = org.junit.jupiter.api.Assertions.assertThrows(
                ConfigValidationException.class,
                () -> RoutingTable.compile(
                        "v", List.of(new RouteParameter(ORIGIN, "[{\"name\":\"r\"},{\"name\":\"s\"}]"))));
        assertTrue(e.getMessage().startsWith("routing configuration rejected, 4 problems:"), e.getMessage());
        e.problems().forEach(problem -> assertTrue(e.getMessage().contains(problem)));
    }
}
