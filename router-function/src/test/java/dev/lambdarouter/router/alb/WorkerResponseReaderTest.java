package dev.lambdarouter.router.alb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkerResponseReaderTest {

    private final WorkerResponseReader reader = new WorkerResponseReader(new ObjectMapper());

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
}
