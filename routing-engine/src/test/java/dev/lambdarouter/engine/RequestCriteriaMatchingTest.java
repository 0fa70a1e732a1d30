package dev.lambdarouter.engine;

import static dev.lambdarouter.engine.TestRequests.get;
import static dev.lambdarouter.engine.TestRequests.request;
import static dev.lambdarouter.engine.TestTables.route;
import static dev.lambdarouter.engine.TestTables.routedName;
import static dev.lambdarouter.engine.TestTables.table;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Methods, headers, query parameters and source CIDRs. */
class RequestCriteriaMatchingTest {
    private static RoutingTable withMatch(String matchJson) {
        return table(route("r", 1, matchJson));
    }

    private static boolean matches(RoutingTable table, TestRequests request) {
        return routedName(table, request) != null;
    }

    @Nested
    class Methods {
        private final RoutingTable table = withMatch("{\"methods\":[\"get\",\"POST\"]}");

        @Test
        void listedMethodsMatchCaseInsensitively() {
            assertTrue(matches(table, request("GET", "h.io", "/")));
            assertTrue(matches(table, request("post", "h.io", "/")));
        }

        @Test
        void otherMethodsDoNotMatch() {
            assertFalse(matches(table, request("DELETE", "h.io", "/")));
        }
    }

    @Nested
    class Headers {
        @Test
        void exactValueMatchesWhenAnyValueOfTheHeaderIsEqual() {
            RoutingTable table = withMatch("{\"headers\":[{\"name\":\"X-Canary\",\"exact\":\"true\"}]}");
            assertTrue(matches(table, get("h.io", "/").header("x-canary", "true")));
            assertTrue(
                    matches(table, get("h.io", "/").header("x-canary", "false").header("x-canary", "true")));
            assertFalse(matches(table, get("h.io", "/").header("x-canary", "TRUE")));
            assertFalse(matches(table, get("h.io", "/")));
        }

        @Test
        void headerNamesInTheRequestAreCaseInsensitive() {
            RoutingTable table = withMatch("{\"headers\":[{\"name\":\"x-canary\",\"exact\":\"true\"}]}");
            assertTrue(matches(table, get("h.io", "/").header("X-Canary", "true")));
        }

        @Test
        void regexMustMatchTheWholeValue() {
            RoutingTable table = withMatch("{\"headers\":[{\"name\":\"user-agent\",\"regex\":\"Mobile\"}]}");
            assertTrue(matches(table, get("h.io", "/").header("user-agent", "Mobile")));
            assertFalse(matches(table, get("h.io", "/").header("user-agent", "Mozilla Mobile Safari")));
            RoutingTable contains = withMatch("{\"headers\":[{\"name\":\"user-agent\",\"regex\":\".*Mobile.*\"}]}");
            assertTrue(matches(contains, get("h.io", "/").header("user-agent", "Mozilla Mobile Safari")));
        }

        @Test
        void presentTrueRequiresTheHeaderAndFalseRequiresItsAbsence() {
            RoutingTable present = withMatch("{\"headers\":[{\"name\":\"x-tenant\",\"present\":true}]}");
            assertTrue(matches(present, get("h.io", "/").header("x-tenant", "")));
            assertFalse(matches(present, get("h.io", "/")));
            RoutingTable absent = withMatch("{\"headers\":[{\"name\":\"x-tenant\",\"present\":false}]}");
            assertTrue(matches(absent, get("h.io", "/")));
            assertFalse(matches(absent, get("h.io", "/").header("x-tenant", "a")));
        }

        @Test
        void anyEntryOfTheHeaderListMayMatch() {
            RoutingTable table = withMatch(
                    "{\"headers\":[{\"name\":\"x-a\",\"exact\":\"1\"}," + "{\"name\":\"x-b\",\"present\":true}]}");
            assertTrue(matches(table, get("h.io", "/").header("x-a", "1")));
            assertTrue(matches(table, get("h.io", "/").header("x-b", "z")));
            assertFalse(matches(table, get("h.io", "/").header("x-a", "2")));
        }
    }

    @Nested
    class Query {
        @Test
        void exactAndRegexQueryValues() {
            RoutingTable exact = withMatch("{\"query\":[{\"name\":\"version\",\"exact\":\"2\"}]}");
            assertTrue(matches(exact, get("h.io", "/").query("version", "1").query("version", "2")));
            assertFalse(matches(exact, get("h.io", "/").query("version", "22")));
            assertFalse(matches(exact, get("h.io", "/").query("Version", "2")));
            RoutingTable regex = withMatch("{\"query\":[{\"name\":\"id\",\"regex\":\"[0-9]+\"}]}");
            assertTrue(matches(regex, get("h.io", "/").query("id", "123")));
            assertFalse(matches(regex, get("h.io", "/").query("id", "12a")));
        }

        @Test
        void presentQueryParameter() {
            RoutingTable table = withMatch("{\"query\":[{\"name\":\"debug\",\"present\":true}]}");
            assertTrue(matches(table, get("h.io", "/").query("debug", "")));
            assertFalse(matches(table, get("h.io", "/").query("debugging", "1")));
        }
    }

    @Nested
    class SourceCidrs {
        @Test
        void ipv4Networks() {
            RoutingTable table = withMatch("{\"sourceCidrs\":[\"10.0.0.0/8\",\"192.168.1.0/24\",\"203.0.113.7\"]}");
            assertTrue(matches(table, get("h.io", "/").sourceIp("10.1.2.3")));
            assertTrue(matches(table, get("h.io", "/").sourceIp("192.168.1.255")));
            assertTrue(matches(table, get("h.io", "/").sourceIp("203.0.113.7")));
            assertFalse(matches(table, get("h.io", "/").sourceIp("11.0.0.1")));
            assertFalse(matches(table, get("h.io", "/").sourceIp("192.168.2.1")));
            assertFalse(matches(table, get("h.io", "/").sourceIp("203.0.113.8")));
        }

        @Test
        void ipv6Networks() {
            RoutingTable table = withMatch("{\"sourceCidrs\":[\"2001:db8::/32\",\"fe80::1/128\"]}");
            assertTrue(matches(table, get("h.io", "/").sourceIp("2001:db8::1")));
            assertTrue(matches(table, get("h.io", "/").sourceIp("2001:0DB8:ffff:0:0:0:0:1")));
            assertTrue(matches(table, get("h.io", "/").sourceIp("fe80::1")));
            assertFalse(matches(table, get("h.io", "/").sourceIp("2001:db9::1")));
            assertFalse(matches(table, get("h.io", "/").sourceIp("fe80::2")));
            assertFalse(matches(table, get("h.io", "/").sourceIp("10.0.0.1")));
        }

        @Test
        void ipv4MappedIpv6AddressMatchesIpv4Network() {
            RoutingTable table = withMatch("{\"sourceCidrs\":[\"10.0.0.0/8\"]}");
            assertTrue(matches(table, get("h.io", "/").sourceIp("::ffff:10.9.8.7")));
        }

        @Test
        void zeroLengthPrefixMatchesEveryAddressOfItsFamily() {
            RoutingTable table = withMatch("{\"sourceCidrs\":[\"0.0.0.0/0\"]}");
            assertTrue(matches(table, get("h.io", "/").sourceIp("255.255.255.255")));
            assertFalse(matches(table, get("h.io", "/").sourceIp("2001:db8::1")));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "::",
                    "::1",
                    "1::",
                    "1:2:3:4:5:6:7:8",
                    "1::8",
                    "::ffff:192.0.2.1",
                    "1:2:3:4:5:6:192.0.2.1",
                    "2001:DB8:0:0:8:800:200C:417A",
                    "0.0.0.0",
                    "255.255.255.255"
                })
        void addressLiteralFormsAreParsed(String address) {
            String bits = address.contains(":") ? "128" : "32";
            RoutingTable table = withMatch("{\"sourceCidrs\":[\"" + address + "/" + bits + "\"]}");
            assertTrue(matches(table, get("h.io", "/").sourceIp(address)));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "1:2:3:4:5:6:7:8:9",
                    ":1::",
                    "1:::2",
                    "12345::",
                    "1::2::3",
                    "fe80::1%eth0",
                    "1:2",
                    "::1:",
                    "01.2.3.4",
                    "1.2.3",
                    "1.2.3.4.5",
                    "::ffff:1.2.3",
                    "g::1",
                    " 10.0.0.1x"
                })
        void malformedSourceAddressesNeverMatch(String address) {
            RoutingTable table = withMatch("{\"sourceCidrs\":[\"0.0.0.0/0\",\"::/0\"]}");
            assertFalse(matches(table, get("h.io", "/").sourceIp(address)));
        }

        @Test
        void missingOrInvalidSourceIpNeverMatches() {
            RoutingTable table = withMatch("{\"sourceCidrs\":[\"0.0.0.0/0\",\"::/0\"]}");
            assertFalse(matches(table, get("h.io", "/")));
            assertFalse(matches(table, get("h.io", "/").sourceIp("localhost")));
            assertFalse(matches(table, get("h.io", "/").sourceIp("10.0.0.256")));
            assertFalse(matches(table, get("h.io", "/").sourceIp("1:2:3:4:5:6:7:8:9")));
        }
    }

    @Test
    void allCriteriaMustMatch() {
        RoutingTable table = withMatch("{\"hosts\":[\"api.io\"],\"paths\":[{\"prefix\":\"/orders\"}],"
                + "\"methods\":[\"GET\"],\"headers\":[{\"name\":\"x-canary\",\"exact\":\"1\"}],"
                + "\"query\":[{\"name\":\"v\",\"exact\":\"2\"}],\"sourceCidrs\":[\"10.0.0.0/8\"]}");
        TestRequests full = get("api.io", "/orders/1")
                .header("x-canary", "1")
                .query("v", "2")
                .sourceIp("10.0.0.1");
        assertTrue(matches(table, full));
        assertFalse(matches(
                table,
                request("POST", "api.io", "/orders/1")
                        .header("x-canary", "1")
                        .query("v", "2")
                        .sourceIp("10.0.0.1")));
        assertFalse(matches(
                table,
                get("api.io", "/orders/1")
                        .header("x-canary", "1")
                        .query("v", "2")
                        .sourceIp("11.0.0.1")));
        assertFalse(matches(table, get("api.io", "/orders/1").query("v", "2").sourceIp("10.0.0.1")));
        assertFalse(matches(
                table, get("api.io", "/orders/1").header("x-canary", "1").sourceIp("10.0.0.1")));
    }

    @Test
    void emptyMatchObjectMatchesEverything() {
        assertTrue(matches(withMatch("{}"), request("PATCH", null, "/x")));
    }
}
