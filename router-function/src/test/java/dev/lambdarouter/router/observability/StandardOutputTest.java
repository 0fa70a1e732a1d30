package dev.lambdarouter.router.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A recorded request's lines reach standard output in one write; lines outside a request go at once. */
class StandardOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Each write call that reached standard output, as text. */
    private final List<String> writes = new CopyOnWriteArrayList<>();

    private PrintStream standardOutput;

    @BeforeEach
    void captureStandardOutput() {
        standardOutput = System.out;
        System.setOut(new PrintStream(
                new OutputStream() {
                    @Override
                    public void write(int b) {
                        writes.add(String.valueOf((char) b));
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        writes.add(new String(b, off, len, StandardCharsets.UTF_8));
                    }
                },
                false,
                StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardOutput() {
        System.setOut(standardOutput);
    }

    @Test
    void theRequestLineAndTheEmfRecordLeaveInOneWrite() throws Exception {
        RequestRecorder recorder =
                new RequestRecorder(RequestLog.JSON, EmfMetrics.fromEnvironment(MetricDimensions.ROUTE_AND_TARGET));
        recorder.completed(
                new RequestOutcome(
                        "req-1",
                        "GET",
                        "/orders",
                        "orders",
                        "orders-v1",
                        "sync",
                        200,
                        3L,
                        "lambda-1",
                        null,
                        1,
                        false,
                        "single",
                        null),
                null);

        assertEquals(1, writes.size(), writes.toString());
        List<String> lines = writes.get(0).lines().toList();
        assertEquals(2, lines.size(), writes.get(0));
        assertTrue(writes.get(0).endsWith("\n"), writes.get(0));
        JsonNode requestLine = JSON.readTree(lines.get(0));
        assertEquals("request completed", requestLine.path("message").asText());
        assertEquals("orders", requestLine.path("route").asText());
        JsonNode emf = JSON.readTree(lines.get(1));
        assertTrue(emf.has("_aws"), lines.get(1));
        assertEquals("orders-v1", emf.path("Target").asText(), lines.get(1));
    }

    @Test
    void linesOutsideABatchGoAtOnceAndABatchInsideABatchIsPartOfIt() {
        StandardOutput.stream().println("alone");
        assertEquals("alone\n", String.join("", writes), "a line outside a batch goes straight to standard output");
        writes.clear();

        StandardOutput.batched(() -> {
            StandardOutput.stream().println("one");
            StandardOutput.stream().flush();
            StandardOutput.batched(() -> StandardOutput.stream().println("two"));
            assertEquals(List.of(), writes, "nothing leaves before the batch ends");
        });
        assertEquals(List.of("one\ntwo\n"), writes);
    }

    @Test
    void whatAFailingBatchWroteStillLeaves() {
        assertThrows(
                IllegalStateException.class,
                () -> StandardOutput.batched(() -> {
                    StandardOutput.stream().println("before the failure");
                    throw new IllegalStateException("boom");
                }));
        assertEquals(List.of("before the failure\n"), writes);

        StandardOutput.batched(() -> {});
        assertEquals(1, writes.size(), "an empty batch writes nothing");
    }
}
