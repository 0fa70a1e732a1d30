package dev.lambdarouter.router.alb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The router's own small JSON bodies are exactly what databind wrote for the same map. */
class FlatJsonObjectTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesWhatDatabindWroteForTheSameMap() throws Exception {
        String hostile =
                "q\"uote \\ back/slash \u0000\u0001\u001f\b\f\n\r\t del\u007f caf\u00e9 \u2603 \ud83d\ude00 \ud800";
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", "urn:lambda-router:problem:x");
        map.put("status", 503);
        map.put(hostile, hostile);
        map.put("none", null);
        map.put("big", Long.MIN_VALUE);
        String text = new FlatJsonObject()
                .add("type", "urn:lambda-router:problem:x")
                .add("status", 503)
                .add(hostile, hostile)
                .add("none", null)
                .add("big", Long.MIN_VALUE)
                .toString();
        assertEquals(JSON.writeValueAsString(map), text);
        assertEquals(map, JSON.readValue(text, Map.class));
    }

    @Test
    void anEmptyObjectAndAnObjectReadTwice() {
        assertEquals("{}", new FlatJsonObject().toString());
        FlatJsonObject o = new FlatJsonObject().add("a", "1");
        assertEquals("{\"a\":\"1\"}", o.toString());
        assertEquals("{\"a\":\"1\",\"b\":2}", o.add("b", 2).toString());
    }
}
