package dev.lambdarouter.router.alb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkerResponseReaderTest {

    private final WorkerResponseReader reader = new WorkerResponseReader(new JsonFactory());

    private AlbResponse read(String json) throws InvalidWorkerResponseException {
        return reader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsSingleAndMultiValueHeaders() throws Exception {
        AlbResponse r = read("""
            {"statusCode":201,"headers":{"content-type":"application/json"},
             "multiValueHeaders":{"set-cookie":["a=1","b=2"]},"body":"{}","isBase64Encoded":false}
            """);
        assertEquals(201, r.status());
        assertEquals(List.of("application/json"), r.headers().get("content-type"));
        assertEquals(List.of("a=1", "b=2"), r.headers().get("set-cookie"));
        assertEquals("{}", r.body());
    }

    @Test
    void acceptsValidBase64AndMissingBody() throws Exception {
        assertTrue(read("{\"statusCode\":200,\"body\":\"aGk=\",\"isBase64Encoded\":true}")
                .base64Encoded());
        assertEquals(null, read("{\"statusCode\":204}").body());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "not json",
                "[]",
                "{}",
                "{\"statusCode\":\"200\"}",
                "{\"statusCode\":99}",
                "{\"statusCode\":600}",
                "{\"statusCode\":200.5}",
                "{\"statusCode\":200,\"headers\":[]}",
                "{\"statusCode\":200,\"headers\":{\"bad name\":\"v\"}}",
                "{\"statusCode\":200,\"headers\":{\"x\":\"a\\r\\nb\"}}",
                "{\"statusCode\":200,\"headers\":{\"x\":{\"nested\":1}}}",
                "{\"statusCode\":200,\"multiValueHeaders\":{\"x\":\"not-array\"}}",
                "{\"statusCode\":200,\"body\":42}",
                "{\"statusCode\":200,\"isBase64Encoded\":\"yes\"}",
                "{\"statusCode\":200,\"body\":\"not base64!\",\"isBase64Encoded\":true}"
            })
    void rejectsResponsesTheAlbWouldNotAccept(String json) {
        assertThrows(InvalidWorkerResponseException.class, () -> read(json));
    }

    @Test
    void rejectsResponsesOverOneMegabyte() {
        String body = "x".repeat(WorkerResponseReader.MAX_RESPONSE_BYTES);
        InvalidWorkerResponseException e = assertThrows(
                InvalidWorkerResponseException.class, () -> read("{\"statusCode\":200,\"body\":\"" + body + "\"}"));
        assertTrue(e.getMessage().contains("1 MB"), e.getMessage());
    }

    private String rejection(String json) {
        return assertThrows(InvalidWorkerResponseException.class, () -> read(json))
                .getMessage();
    }

    /** Each check through the public API, with the message the client's 502 problem shows. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "`` | the worker returned an empty response",
                "not json | the worker response is not valid JSON",
                "{\"statusCode\":200 | the worker response is not valid JSON",
                "{\"statusCode\":200,\"body\":\"unterminated} | the worker response is not valid JSON",
                "`   ` | the worker response is not a JSON object",
                "null | the worker response is not a JSON object",
                "[] | the worker response is not a JSON object",
                "\"text\" | the worker response is not a JSON object",
                "200 | the worker response is not a JSON object",
                "{} | the worker response has no integer statusCode",
                "{\"statusCode\":\"200\"} | the worker response has no integer statusCode",
                "{\"statusCode\":200.0} | the worker response has no integer statusCode",
                "{\"statusCode\":2e2} | the worker response has no integer statusCode",
                "{\"statusCode\":null} | the worker response has no integer statusCode",
                "{\"statusCode\":true} | the worker response has no integer statusCode",
                "{\"statusCode\":{}} | the worker response has no integer statusCode",
                "{\"statusCode\":2147483648} | the worker response has no integer statusCode",
                "{\"statusCode\":99} | the worker response statusCode 99 is outside 100..599",
                "{\"statusCode\":600} | the worker response statusCode 600 is outside 100..599",
                "{\"statusCode\":-200} | the worker response statusCode -200 is outside 100..599",
                "{\"statusCode\":200,\"headers\":[]} | the worker response headers is not an object",
                "{\"statusCode\":200,\"headers\":\"a: b\"} | the worker response headers is not an object",
                "{\"statusCode\":200,\"multiValueHeaders\":[]} | the worker response multiValueHeaders is not an"
                        + " object",
                "{\"statusCode\":200,\"headers\":{\"bad name\":\"v\"}} | the worker response has an invalid header"
                        + " name",
                "{\"statusCode\":200,\"headers\":{\"\":\"v\"}} | the worker response has an invalid header name",
                "{\"statusCode\":200,\"multiValueHeaders\":{\"x:y\":[\"v\"]}} | the worker response has an invalid"
                        + " header name",
                "{\"statusCode\":200,\"headers\":{\"x\":\"a\\r"
                        + "\\n"
                        + "b\"}} | the worker response has a header value containing CR, LF or NUL",
                "{\"statusCode\":200,\"headers\":{\"x\":\"a\\u0000\"}} | the worker response has a header value"
                        + " containing CR, LF or NUL",
                "{\"statusCode\":200,\"multiValueHeaders\":{\"x\":[\"ok\",\"a\\n"
                        + "b\"]}} | the worker response has a header value containing CR, LF or NUL",
                "{\"statusCode\":200,\"headers\":{\"x\":{\"nested\":1}}} | the worker response has a header value that"
                        + " is not a string",
                "{\"statusCode\":200,\"headers\":{\"x\":[\"a\"]}} | the worker response has a header value that is not"
                        + " a string",
                "{\"statusCode\":200,\"headers\":{\"x\":null}} | the worker response has a header value that is not a"
                        + " string",
                "{\"statusCode\":200,\"multiValueHeaders\":{\"x\":[null]}} | the worker response has a header value"
                        + " that is not a string",
                "{\"statusCode\":200,\"multiValueHeaders\":{\"x\":[[\"a\"]]}} | the worker response has a header value"
                        + " that is not a string",
                "{\"statusCode\":200,\"multiValueHeaders\":{\"x\":\"not-array\"}} | the worker response"
                        + " multiValueHeaders values must be arrays",
                "{\"statusCode\":200,\"multiValueHeaders\":{\"x\":null}} | the worker response multiValueHeaders"
                        + " values must be arrays",
                "{\"statusCode\":200,\"body\":42} | the worker response body is not a string",
                "{\"statusCode\":200,\"body\":{\"a\":1}} | the worker response body is not a string",
                "{\"statusCode\":200,\"isBase64Encoded\":\"yes\"} | the worker response isBase64Encoded is not a"
                        + " boolean",
                "{\"statusCode\":200,\"isBase64Encoded\":1} | the worker response isBase64Encoded is not a boolean",
                "{\"statusCode\":200,\"body\":\"not base64!\",\"isBase64Encoded\":true} | the worker response says"
                        + " isBase64Encoded but its body is not valid base64",
                "{\"isBase64Encoded\":true,\"body\":\"aGk\",\"statusCode\":200,\"body2\":1,\"x\":{\"body\":1}} | ",
            })
    void namesWhatIsWrong(String json, String message) throws Exception {
        if (message == null) {
            read(json); // the last row: keys in any order, and nested keys are not the response's
            return;
        }
        assertEquals(message, rejection(json == null ? "" : json));
    }

    /**
     * A key twice leaves it to the parser which value counts (Jackson's tree took the last; a worker's JSON library
     * or the next reader may take the first), so the answer is rejected, whatever the key.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"statusCode\":200,\"statusCode\":500}",
                "{\"statusCode\":200,\"body\":\"a\",\"body\":\"b\"}",
                "{\"statusCode\":200,\"headers\":null,\"headers\":{\"x\":\"1\"}}",
                "{\"statusCode\":200,\"multiValueHeaders\":{},\"multiValueHeaders\":{}}",
                "{\"statusCode\":200,\"isBase64Encoded\":false,\"isBase64Encoded\":true}",
                "{\"statusCode\":200,\"statusDescription\":\"200 OK\",\"statusDescription\":\"x\"}",
                "{\"statusCode\":200,\"extra\":1,\"other\":2,\"extra\":3}",
            })
    void rejectsADuplicateKeyOfTheResponse(String json) {
        assertEquals("the worker response has a duplicate key", rejection(json));
    }

    @Test
    void findsADuplicateAmongManyUnknownKeys() throws Exception {
        StringBuilder json = new StringBuilder("{\"statusCode\":200");
        for (int i = 0; i < 50_000; i++) {
            json.append(",\"k").append(i).append("\":0");
        }
        assertEquals(200, read(json + "}").status());
        assertEquals("the worker response has a duplicate key", rejection(json + ",\"k49999\":1}"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"statusCode\":200,\"headers\":{\"x-a\":\"1\",\"x-a\":\"2\"}}",
                "{\"statusCode\":200,\"multiValueHeaders\":{\"x-a\":[\"1\"],\"x-a\":[\"2\"]}}",
            })
    void rejectsAHeaderNameTwiceInOneHeaderObject(String json) {
        assertEquals("the worker response has a header name twice in one header object", rejection(json));
    }

    @Test
    void headerNamesDifferingInCaseAreDifferentKeys() throws Exception {
        AlbResponse r = read("{\"statusCode\":200,\"headers\":{\"X-A\":\"1\",\"x-a\":\"2\"}}");
        assertEquals(Map.of("X-A", List.of("1"), "x-a", List.of("2")), r.headers());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"statusCode\":200} {}", "{\"statusCode\":200}x", "{\"statusCode\":200}]", "[] 1"})
    void rejectsContentAfterTheResponse(String json) {
        assertEquals("the worker response is not valid JSON", rejection(json));
    }

    @Test
    void acceptsWhitespaceAroundTheResponse() throws Exception {
        assertEquals(204, read(" \n{\"statusCode\":204}\r\n\t ").status());
    }

    /** Invalid JSON is reported as such wherever it is, even after another defect; then the checks in order. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"statusCode\":\"x\",\"body\":} | the worker response is not valid JSON",
                "{\"statusCode\":1,\"statusCode\":2} | the worker response has a duplicate key",
                "{\"body\":1,\"headers\":[],\"statusCode\":700} | the worker response statusCode 700 is outside"
                        + " 100..599",
                "{\"isBase64Encoded\":1,\"body\":1,\"statusCode\":200} | the worker response body is not a string",
                "{\"multiValueHeaders\":[],\"headers\":[],\"statusCode\":200} | the worker response headers is not an"
                        + " object",
                "{\"multiValueHeaders\":[],\"statusCode\":200,\"isBase64Encoded\":1} | the worker response"
                        + " multiValueHeaders is not an object",
                "{\"headers\":{\"a\":null,\"b c\":\"1\"},\"statusCode\":200} | the worker response has a header value"
                        + " that is not a string",
                "{\"headers\":{\"b c\":\"1\",\"a\":null},\"statusCode\":200} | the worker response has an invalid"
                        + " header name",
                "{\"body\":\"!\",\"isBase64Encoded\":true,\"x\":1} | the worker response has no integer statusCode",
            })
    void reportsTheFirstDefectInTheCheckOrder(String json, String message) {
        assertEquals(message, rejection(json));
    }

    @Test
    void aHeaderInBothObjectsGetsTheValuesOfHeadersFirst() throws Exception {
        AlbResponse r = read("""
            {"statusCode":200,"multiValueHeaders":{"set-cookie":["b=2","c=3"],"x-m":["m"]},
             "headers":{"x-h":"h","set-cookie":"a=1"}}
            """);
        assertEquals(
                List.of("x-h", "set-cookie", "x-m"), List.copyOf(r.headers().keySet()));
        assertEquals(List.of("a=1", "b=2", "c=3"), r.headers().get("set-cookie"));
    }

    @Test
    void keepsEmptyValueListsAndIgnoresNullHeaderObjects() throws Exception {
        AlbResponse r = read("""
            {"statusCode":200,"headers":null,"multiValueHeaders":{"x-none":[],"x-two":["1","2"],"x-three":["1","2","3"]}}
            """);
        assertEquals(List.of(), r.headers().get("x-none"));
        assertEquals(List.of("1", "2"), r.headers().get("x-two"));
        assertEquals(List.of("1", "2", "3"), r.headers().get("x-three"));
        assertTrue(read("{\"statusCode\":200,\"multiValueHeaders\":null}")
                .headers()
                .isEmpty());
    }

    @Test
    void headerValuesMayBeNumbersOrBooleansAsTheirText() throws Exception {
        AlbResponse r = read("""
            {"statusCode":200,"headers":{"a":42,"b":-0,"c":12345678901,"d":123456789012345678901234567890,
             "e":1.5,"f":1e2,"g":true,"h":false},"multiValueHeaders":{"i":[7,false]}}
            """);
        assertEquals(List.of("42"), r.headers().get("a"));
        assertEquals(List.of("0"), r.headers().get("b"));
        assertEquals(List.of("12345678901"), r.headers().get("c"));
        assertEquals(List.of("123456789012345678901234567890"), r.headers().get("d"));
        assertEquals(List.of("1.5"), r.headers().get("e"));
        assertEquals(List.of("100.0"), r.headers().get("f"));
        assertEquals(List.of("true"), r.headers().get("g"));
        assertEquals(List.of("false"), r.headers().get("h"));
        assertEquals(List.of("7", "false"), r.headers().get("i"));
    }

    @Test
    void ignoresStatusDescriptionAndKeysTheAlbDoesNotKnow() throws Exception {
        AlbResponse r = read("""
            {"statusCode":418,"statusDescription":{"any":["thing"]},"extra":[1,{"statusCode":1}],"cookies":null,
             "body":"tea","isBase64Encoded":null}
            """);
        assertEquals(418, r.status());
        assertEquals("tea", r.body());
        assertEquals(false, r.base64Encoded());
        assertTrue(r.headers().isEmpty());
    }

    @Test
    void readsEscapedAndNonAsciiText() throws Exception {
        AlbResponse r = read("""
            {"statusCode":200,"headers":{"x-t":"caf\u00e9 \\"q\\" \u2603"},"body":"line\\nbreak \\u00e9\\ud83d\\ude00"}
            """);
        assertEquals(List.of("caf\u00e9 \"q\" \u2603"), r.headers().get("x-t"));
        assertEquals("line\nbreak \u00e9\ud83d\ude00", r.body());
    }

    @Test
    void acceptsAResponseOfExactlyOneMegabyte() throws Exception {
        String head = "{\"statusCode\":200,\"body\":\"";
        String tail = "\"}";
        String body = "x".repeat(WorkerResponseReader.MAX_RESPONSE_BYTES - head.length() - tail.length());
        assertEquals(body, read(head + body + tail).body());
        assertThrows(InvalidWorkerResponseException.class, () -> read(head + body + "x" + tail));
    }

    /** The base64 check agrees with {@link Base64#getDecoder()} (which it replaces, to decode nothing). */
    @Test
    void base64CheckAgreesWithTheJdkDecoder() {
        String[] samples = {
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "abcde",
            "ab=",
            "ab==",
            "abc=",
            "abc==",
            "a===",
            "abcd=",
            "abcd==",
            "=",
            "==",
            "ab==x",
            "abc=x",
            "ab=c",
            "a=bc",
            "aGk=",
            "aGk",
            "aGVsbG8=",
            "aGVsbG8",
            "ab cd",
            "ab\ncd",
            "ab-_",
            "ab+/",
            "ab\u00e9",
            "\u0141ab",
            "abcd\u0000",
            "QQ==QQ==",
            "QQ",
            "QUI=",
            "QUJD"
        };
        for (String s : samples) {
            assertEquals(jdkAccepts(s), WorkerResponseReader.isBase64(s), s);
        }
        Random random = new Random(11);
        char[] alphabet = "AZaz09+/=-_ \n.".toCharArray();
        for (int i = 0; i < 50_000; i++) {
            char[] text = new char[random.nextInt(10)];
            for (int j = 0; j < text.length; j++) {
                text[j] = random.nextInt(4) == 0 ? '=' : alphabet[random.nextInt(alphabet.length)];
            }
            String s = new String(text);
            assertEquals(jdkAccepts(s), WorkerResponseReader.isBase64(s), s);
        }
        for (int n = 0; n < 40; n++) {
            byte[] bytes = new byte[n];
            random.nextBytes(bytes);
            assertTrue(WorkerResponseReader.isBase64(Base64.getEncoder().encodeToString(bytes)));
            assertTrue(WorkerResponseReader.isBase64(
                    Base64.getEncoder().withoutPadding().encodeToString(bytes)));
        }
    }

    @Test
    void base64CheckOfPayloadBytesAgreesWithTheCheckOfText() {
        Random random = new Random(12);
        char[] alphabet = "AZaz09+/=-_ .".toCharArray();
        for (int i = 0; i < 50_000; i++) {
            char[] text = new char[random.nextInt(10)];
            for (int j = 0; j < text.length; j++) {
                text[j] = random.nextInt(4) == 0 ? '=' : alphabet[random.nextInt(alphabet.length)];
            }
            String s = new String(text);
            byte[] padded = ("x" + s + "y").getBytes(StandardCharsets.US_ASCII);
            assertEquals(jdkAccepts(s), WorkerResponseReader.isBase64(padded, 1, padded.length - 1), s);
        }
    }

    /** An ASCII body is kept as the worker escaped it and copied into the ALB answer; its text is the same. */
    @Test
    void anAsciiBodyIsCopiedAsTheWorkerEscapedIt() throws Exception {
        String escaped = "{\\\"a\\\":\\\"\\u0041\\/\\t\\ud83d\\ude00\\\"}";
        AlbResponse r = read("{\"statusCode\":200,\"body\":\"" + escaped + "\"}");
        assertTrue(r.hasJsonBody());
        assertEquals("{\"a\":\"A/\t\ud83d\ude00\"}", r.body());
        assertEquals(new AlbResponse(200, Map.of(), "{\"a\":\"A/\t\ud83d\ude00\"}", false), r);
        String answer = new String(new AlbResponseEncoder(new JsonFactory()).encode(r, false), StandardCharsets.UTF_8);
        assertTrue(answer.contains(",\"body\":\"" + escaped + "\","), answer);
        AlbResponse withId = r.withHeader("x-request-id", "1");
        assertEquals(r.body(), withId.body());
        assertTrue(withId.hasJsonBody());
    }

    @Test
    void otherBodiesAreDecoded() throws Exception {
        AlbResponse r = read("{\"statusCode\":200,\"body\":\"caf\u00e9\"}");
        assertEquals("caf\u00e9", r.body());
        assertEquals(false, r.hasJsonBody());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"statusCode\":200,\"body\":\"a\tb\"}", // a raw control character
                "{\"statusCode\":200,\"body\":\"a\\qb\"}", // no such escape
                "{\"statusCode\":200,\"body\":\"a\\u00zz\"}",
                "{\"statusCode\":200,\"body\":\"a\\\"}",
            })
    void anAsciiBodyIsStillCheckedByTheParser(String json) {
        assertEquals("the worker response is not valid JSON", rejection(json));
    }

    @Test
    void anEscapedBase64BodyIsCheckedDecoded() throws Exception {
        // Some JSON libraries (PHP's json_encode) escape every slash.
        assertTrue(read("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"a\\/8\\u003d\"}")
                .base64Encoded());
        assertEquals(
                "the worker response says isBase64Encoded but its body is not valid base64",
                rejection("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"a\\/8\\u003dx\"}"));
        assertEquals(
                "the worker response says isBase64Encoded but its body is not valid base64",
                rejection("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"aGk=\\n\"}"));
    }

    private static boolean jdkAccepts(String s) {
        try {
            Base64.getDecoder().decode(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
