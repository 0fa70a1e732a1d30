package dev.lambdarouter.router.alb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlbResponseEncoderTest {

    private final AlbResponseEncoder encoder = new AlbResponseEncoder(new JsonFactory());

    private static AlbResponse response(int status, String body, boolean base64) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("content-type", List.of("text/plain"));
        headers.put("x-none", List.of());
        headers.put("x-many", List.of("a", "b"));
        headers.put("Set-Cookie", List.of("a=1", "b=2"));
        return new AlbResponse(status, headers, body, base64);
    }

    private String encode(AlbResponse response, boolean multiValueHeaders) {
        return new String(encoder.encode(response, multiValueHeaders), StandardCharsets.UTF_8);
    }

    @Test
    void singleValueModeJoinsValuesAndKeepsTheLastCookie() {
        assertEquals(
                "{\"statusCode\":201,\"statusDescription\":\"201"
                        + " Created\",\"headers\":{\"content-type\":\"text/plain\",\"x-many\":\"a,"
                        + " b\",\"Set-Cookie\":\"b=2\"},\"body\":\"q\\\"\\n"
                        + "\",\"isBase64Encoded\":false}",
                encode(response(201, "q\"\n", false), false));
    }

    @Test
    void multiValueModeKeepsEveryValue() {
        assertEquals(
                "{\"statusCode\":200,\"statusDescription\":\"200 OK\",\"multiValueHeaders\":{\"content-type\":"
                        + "[\"text/plain\"],\"x-many\":[\"a\",\"b\"],\"Set-Cookie\":[\"a=1\",\"b=2\"]},\"body\":\"aGk=\","
                        + "\"isBase64Encoded\":true}",
                encode(response(200, "aGk=", true), true));
    }

    @Test
    void noBodyIsAnEmptyOneAndEveryStatusIsDescribed() {
        for (int status = 100; status <= 599; status++) {
            String expected = "{\"statusCode\":" + status + ",\"statusDescription\":\""
                    + HttpStatusText.describe(status) + "\",\"headers\":{},\"body\":\"\",\"isBase64Encoded\":false}";
            AlbResponse response = new AlbResponse(status, Map.of(), null, false);
            assertEquals(expected, encode(response, false));
            assertEquals(expected, encode(response, false)); // the cached description
        }
        assertEquals("418 Client Error", HttpStatusText.describe(418));
        assertEquals("503 Service Unavailable", HttpStatusText.describe(503));
    }

    @Test
    void withHeaderReplacesAHeaderOfAnyCase() {
        AlbResponse r = response(200, "", false).withHeader("set-cookie", "c=3");
        assertEquals(
                List.of("content-type", "x-none", "x-many", "set-cookie"),
                List.copyOf(r.headers().keySet()));
        assertEquals(List.of("c=3"), r.headers().get("set-cookie"));
    }
}
