package dev.lambdarouter.router.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.engine.RouteParameter;
import dev.lambdarouter.router.RequestRouter;
import dev.lambdarouter.router.RouterSettings;
import dev.lambdarouter.router.RouterWiring;
import dev.lambdarouter.router.config.RoutingTableCache;
import dev.lambdarouter.router.config.RoutingTableListener;
import dev.lambdarouter.router.config.StaticRouteRepository;
import dev.lambdarouter.router.dispatch.DispatchOutcome;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-request JSON line, through the production log4j2 configuration and Powertools' JSON layout. */
class RequestLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Collects what the production JSON layout writes. */
    static final class Capture extends AbstractAppender {
        final List<String> lines = new CopyOnWriteArrayList<>();

        Capture(Layout<? extends Serializable> layout) {
            super("capture", null, layout, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            lines.add(new String(getLayout().toByteArray(event), StandardCharsets.UTF_8).trim());
        }
    }

    private Capture capture;

    @BeforeEach
    void attach() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        capture = new Capture(config.getAppender("JsonAppender").getLayout());
        capture.start();
        config.getLoggerConfig("dev.lambdarouter").addAppender(capture, null, null);
        context.updateLoggers();
    }

    @AfterEach
    void detach() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getLoggerConfig("dev.lambdarouter").removeAppender("capture");
        context.updateLoggers();
    }

    @Test
    void oneJsonLinePerRequestWithCorrelationIdAndNoSecrets() throws Exception {
        RouterSettings settings = RouterSettings.from(Map.of());
        RoutingTableCache tables = new RoutingTableCache(
                new StaticRouteRepository("3", List.of(new RouteParameter("/p/r", """
                {"name":"orders","priority":1,"match":{"paths":[{"prefix":"/orders"}]},
                 "targets":[{"function":"orders-v1","weight":1}]}"""))),
                settings,
                RoutingTableListener.NONE,
                Runnable::run,
                System::nanoTime,
                () -> 0.0);
        byte[] answer = "{\"statusCode\":200,\"body\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
        RequestRouter router = RouterWiring.builder(
                        settings, tables, invocation -> new DispatchOutcome.Responded(answer, "lambda-req-9"))
                .mapper(JSON)
                .requestLog(RequestLog.JSON)
                .build()
                .router();
        router.handle("""
                {"httpMethod":"GET","path":"/orders/1","headers":{"host":"a.example.com",
                 "authorization":"Bearer secret-token","cookie":"session=secret-cookie",
                 "x-amzn-trace-id":"Root=1-abc-def"},"body":""}""".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));

        List<String> requestLines = capture.lines.stream()
                .filter(l -> l.contains("request completed"))
                .toList();
        assertEquals(1, requestLines.size(), capture.lines.toString());
        JsonNode line = JSON.readTree(requestLines.get(0));
        assertEquals("Root=1-abc-def", line.get("correlation_id").asText());
        assertEquals("orders", line.get("route").asText());
        assertEquals("orders-v1", line.get("target").asText());
        assertEquals("sync", line.get("mode").asText());
        assertEquals(200, line.get("status").asInt());
        assertEquals("lambda-req-9", line.get("lambda_request_id").asText());
        assertTrue(line.has("latency_ms"));
        for (String l : capture.lines) {
            assertFalse(l.contains("secret-token") || l.contains("secret-cookie"), "secrets in the log: " + l);
        }
    }
}
