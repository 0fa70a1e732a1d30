package dev.lambdarouter.router.observability;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One structured JSON line per request: correlation id (from {@code x-amzn-trace-id}), request id, method, path,
 * route, target, how the target was picked ({@code pick}), mode, status, latency, and {@code fault} ({@code abort},
 * {@code delay} or {@code delay+abort}) when the route's fault injection was applied. Headers are never logged, so
 * {@code authorization}, {@code cookie}, {@code set-cookie} and sticky keys cannot leak: {@code pick} names the kind
 * of sticky key, never its value.
 *
 * <p>The line has the shape of Powertools' log4j2 JSON layout ({@code LambdaJsonLayout.json}), which writes the
 * router's other log lines: {@code level}, {@code message}, the Lambda context fields Powertools keeps in the
 * logging context ({@code cold_start}, {@code function_*}, {@code sampling_rate} when not 0, {@code service},
 * {@code xray_trace_id}), {@code timestamp} (UTC, milliseconds), {@code correlation_id}, then the request's fields.
 * It is written here rather than through log4j2 because the layout's resolvers cost 120–160 µs of CPU per request
 * with the template's C1-only JIT, about a third of the router's whole overhead (README, Performance); this writer
 * needs about 15 µs. The level still follows the log4j2 configuration of {@code dev.lambdarouter.router.requests}
 * ({@code ROUTER_LOG_LEVEL}): INFO for answers below 500, WARN from 500 up.
 */
public final class RequestLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.lambdarouter.router.requests");
    private static final String CORRELATION_ID = "correlation_id";
    private static final String MESSAGE = "request completed";

    /** One line per request, to standard output (where Lambda collects the logs), see {@link StandardOutput}. */
    public static final RequestLog JSON = writingTo(StandardOutput::stream);

    /** Logging off (SnapStart priming runs thousands of synthetic requests). */
    public static final RequestLog NONE = new RequestLog(false, null, null, null);

    private final boolean enabled;
    private final JsonFactory json;
    private final LongSupplier epochMillis;
    private final Supplier<PrintStream> out;
    private final LineBuffer buffer = new LineBuffer();

    private RequestLog(boolean enabled, JsonFactory json, LongSupplier epochMillis, Supplier<PrintStream> out) {
        this.enabled = enabled;
        this.json = json;
        this.epochMillis = epochMillis;
        this.out = out;
    }

    /** A log writing each line to the stream {@code out} supplies at that moment. */
    public static RequestLog writingTo(Supplier<PrintStream> out) {
        return new RequestLog(true, new JsonFactory(), System::currentTimeMillis, Objects.requireNonNull(out, "out"));
    }

    /** Sets the correlation id for every log line of this request. */
    public void begin(String correlationId) {
        if (!enabled) {
            return;
        }
        if (correlationId != null) {
            MDC.put(CORRELATION_ID, correlationId);
        } else {
            MDC.remove(CORRELATION_ID);
        }
    }

    public void completed(RequestOutcome o) {
        if (!enabled) {
            return;
        }
        boolean warn = o.status() >= 500;
        if (warn ? LOG.isWarnEnabled() : LOG.isInfoEnabled()) {
            synchronized (buffer) {
                try {
                    write(o, warn ? "WARN" : "INFO");
                } catch (IOException e) {
                    throw new UncheckedIOException(e); // not from a byte array
                }
                buffer.write('\n');
                PrintStream stream = out.get();
                buffer.writeTo(stream);
                stream.flush();
            }
        }
        MDC.remove(CORRELATION_ID);
    }

    private void write(RequestOutcome o, String level) throws IOException {
        buffer.reset();
        try (JsonGenerator g = json.createGenerator(buffer)) {
            g.writeStartObject();
            g.writeStringField("level", level);
            g.writeStringField("message", MESSAGE);
            // As Powertools' resolver writes them: some only when set, typed; the others always, null when unset.
            String coldStart = MDC.get("cold_start");
            if (coldStart != null) {
                g.writeBooleanField("cold_start", Boolean.parseBoolean(coldStart));
            }
            g.writeStringField("function_arn", MDC.get("function_arn"));
            String memory = MDC.get("function_memory_size");
            if (memory != null) {
                g.writeFieldName("function_memory_size");
                g.writeNumber(memory);
            }
            g.writeStringField("function_name", MDC.get("function_name"));
            g.writeStringField("function_request_id", MDC.get("function_request_id"));
            g.writeStringField("function_version", MDC.get("function_version"));
            String samplingRate = MDC.get("sampling_rate");
            if (samplingRate != null && Double.parseDouble(samplingRate) != 0.0) {
                g.writeFieldName("sampling_rate");
                g.writeNumber(samplingRate);
            }
            g.writeStringField("service", MDC.get("service"));
            g.writeFieldName("timestamp");
            g.writeString(UtcTimestamp.format(epochMillis.getAsLong()));
            String traceId = MDC.get("xray_trace_id");
            if (traceId != null) {
                g.writeStringField("xray_trace_id", traceId);
            }
            String correlationId = MDC.get(CORRELATION_ID);
            if (correlationId != null) {
                g.writeStringField(CORRELATION_ID, correlationId);
            }
            g.writeStringField("request_id", o.requestId());
            g.writeStringField("method", o.method());
            g.writeStringField("path", o.path());
            g.writeStringField("route", o.route());
            g.writeStringField("target", o.target());
            g.writeStringField("pick", o.pick());
            g.writeStringField("mode", o.mode());
            g.writeNumberField("status", o.status());
            g.writeNumberField("latency_ms", o.latencyMillis());
            g.writeStringField("lambda_request_id", o.lambdaRequestId());
            g.writeStringField("problem", o.problem());
            g.writeNumberField("attempts", o.attempts());
            g.writeBooleanField("fallback", o.fallback());
            g.writeStringField("fault", o.fault() == null ? null : o.fault().label());
            g.writeEndObject();
        }
    }

    /** A byte buffer kept from line to line: a line is written to the stream in one write, never split. */
    private static final class LineBuffer extends ByteArrayOutputStream {
        LineBuffer() {
            super(1024);
        }

        void writeTo(PrintStream stream) {
            stream.write(buf, 0, count);
        }
    }
}
