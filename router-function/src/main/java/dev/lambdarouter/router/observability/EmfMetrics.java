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

/**
 * {@link RouterMetrics} as CloudWatch embedded metric format (EMF) records, one JSON line each on standard output
 * (in Lambda, CloudWatch Logs turns each into metrics; no API call). A request is one record with the dimension sets
 * {@code [Service]}, {@code [Service, Route]} and {@code [Service, Route, Target]} (as many as {@link MetricDimensions}
 * allows and as Route and Target are known); configuration and mirror events are records with {@code [Service]}.
 *
 * <p>The record has the shape Powertools metrics wrote before (same namespace, names, units, dimension sets and
 * values; numbers as JSON doubles):
 * <pre>{"_aws":{"Timestamp":1796205284337,"CloudWatchMetrics":[{"Namespace":"LambdaRouter",
 *   "Metrics":[{"Name":"Requests","Unit":"Count"},...],"Dimensions":[["Service"],["Service","Route"],...]}]},
 *   "Service":"lambda-router-prod","Route":"orders","Target":"orders-v1","Requests":1.0,"Latency":12.0,...}</pre>
 * Written with one Jackson generator straight into a buffer reused from record to record, and that buffer to
 * standard output in one write: Powertools built a map-based metrics context per record and serialised it through
 * an {@code ObjectMapper} (about 12 KB allocated and a tenth of a millisecond per request, see README
 * "Performance").
 */
final class EmfMetrics implements RouterMetrics {

    private static final String DEFAULT_NAMESPACE = "LambdaRouter";
    private static final String DEFAULT_SERVICE = "lambda-router";
    private static final String SERVICE = "Service";
    private static final String ROUTE = "Route";
    private static final String TARGET = "Target";
    private static final String COUNT = "Count";
    private static final String MILLISECONDS = "Milliseconds";

    private final JsonFactory json;
    private final String namespace;
    private final String service;
    private final MetricDimensions dimensions;
    private final LongSupplier epochMillis;
    private final Supplier<PrintStream> out;
    /** One record at a time (the refresh thread may count a configuration event during a request). */
    private final RecordBuffer buffer = new RecordBuffer();

    EmfMetrics(
            JsonFactory json,
            String namespace,
            String service,
            MetricDimensions dimensions,
            LongSupplier epochMillis,
            Supplier<PrintStream> out) {
        this.json = Objects.requireNonNull(json, "json");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.service = Objects.requireNonNull(service, "service");
        this.dimensions = Objects.requireNonNull(dimensions, "dimensions");
        this.epochMillis = Objects.requireNonNull(epochMillis, "epochMillis");
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Namespace from {@code POWERTOOLS_METRICS_NAMESPACE}, else {@code LambdaRouter}; the Service dimension from
     * {@code POWERTOOLS_SERVICE_NAME}, else {@code lambda-router}; records to {@link StandardOutput#stream()} as it is at each
     * write; {@link RouterMetrics#NONE} when {@code POWERTOOLS_METRICS_DISABLED} is {@code true} (as with Powertools).
     */
    static RouterMetrics fromEnvironment(MetricDimensions dimensions) {
        if ("true".equalsIgnoreCase(System.getenv("POWERTOOLS_METRICS_DISABLED"))) {
            return RouterMetrics.NONE;
        }
        return new EmfMetrics(
                new JsonFactory(),
                orDefault(System.getenv("POWERTOOLS_METRICS_NAMESPACE"), DEFAULT_NAMESPACE),
                orDefault(System.getenv("POWERTOOLS_SERVICE_NAME"), DEFAULT_SERVICE),
                dimensions,
                System::currentTimeMillis,
                StandardOutput::stream);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void requestCompleted(RequestOutcome outcome, String failureKind) {
        String route = dimensions.byRoute() ? outcome.route() : null;
        String target = route != null && dimensions.byTarget() ? outcome.target() : null;
        int status = outcome.status();
        boolean delayed = outcome.fault() != null && outcome.fault().delayed();
        synchronized (buffer) {
            try (JsonGenerator g = start()) {
                g.writeArrayFieldStart("Metrics");
                declare(g, MetricNames.REQUESTS, COUNT);
                declare(g, MetricNames.LATENCY, MILLISECONDS);
                declare(g, MetricNames.STATUS_4XX, COUNT);
                declare(g, MetricNames.STATUS_5XX, COUNT);
                declare(g, MetricNames.ATTEMPTS, COUNT);
                if (failureKind != null) {
                    declare(g, failureKind, COUNT);
                }
                if (delayed) {
                    declare(g, MetricNames.FAULT_DELAY, COUNT);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("Dimensions");
                g.writeStartArray();
                g.writeString(SERVICE);
                g.writeEndArray();
                if (route != null) {
                    g.writeStartArray();
                    g.writeString(SERVICE);
                    g.writeString(ROUTE);
                    g.writeEndArray();
                    if (target != null) {
                        g.writeStartArray();
                        g.writeString(SERVICE);
                        g.writeString(ROUTE);
                        g.writeString(TARGET);
                        g.writeEndArray();
                    }
                }
                g.writeEndArray();
                endDirective(g);
                if (route != null) {
                    g.writeStringField(ROUTE, route);
                    if (target != null) {
                        g.writeStringField(TARGET, target);
                    }
                }
                g.writeNumberField(MetricNames.REQUESTS, 1.0);
                g.writeNumberField(MetricNames.LATENCY, (double) outcome.latencyMillis());
                g.writeNumberField(MetricNames.STATUS_4XX, status / 100 == 4 ? 1.0 : 0.0);
                g.writeNumberField(MetricNames.STATUS_5XX, status >= 500 ? 1.0 : 0.0);
                g.writeNumberField(MetricNames.ATTEMPTS, (double) outcome.attempts());
                if (failureKind != null) {
                    g.writeNumberField(failureKind, 1.0);
                }
                if (delayed) {
                    g.writeNumberField(MetricNames.FAULT_DELAY, 1.0);
                }
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            print();
        }
    }

    @Override
    public void mirrorCopyDropped() {
        count(MetricNames.MIRROR_COPY_DROPPED);
    }

    @Override
    public void configEvent(String name) {
        count(name);
    }

    /** A record of one count, 1, with the {@code [Service]} set only. */
    private void count(String name) {
        synchronized (buffer) {
            try (JsonGenerator g = start()) {
                g.writeArrayFieldStart("Metrics");
                declare(g, name, COUNT);
                g.writeEndArray();
                g.writeArrayFieldStart("Dimensions");
                g.writeStartArray();
                g.writeString(SERVICE);
                g.writeEndArray();
                g.writeEndArray();
                endDirective(g);
                g.writeNumberField(name, 1.0);
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            print();
        }
    }

    /** Opens the record and its metric directive, up to the directive's {@code Metrics}. */
    private JsonGenerator start() throws IOException {
        buffer.reset();
        JsonGenerator g = json.createGenerator(buffer);
        g.writeStartObject();
        g.writeObjectFieldStart("_aws");
        g.writeNumberField("Timestamp", epochMillis.getAsLong());
        g.writeArrayFieldStart("CloudWatchMetrics");
        g.writeStartObject();
        g.writeStringField("Namespace", namespace);
        return g;
    }

    /** Closes the directive, {@code _aws}, and writes the Service dimension's value. */
    private void endDirective(JsonGenerator g) throws IOException {
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeStringField(SERVICE, service);
    }

    private static void declare(JsonGenerator g, String name, String unit) throws IOException {
        g.writeStartObject();
        g.writeStringField("Name", name);
        g.writeStringField("Unit", unit);
        g.writeEndObject();
    }

    /** The record and its line end in one write, so that a line is never split or interleaved. */
    private void print() {
        buffer.write('\n');
        PrintStream stream = out.get();
        buffer.writeTo(stream);
        stream.flush();
    }

    /** A byte buffer kept from record to record (its array grows to the longest record and stays). */
    private static final class RecordBuffer extends ByteArrayOutputStream {
        RecordBuffer() {
            super(1024);
        }

        void writeTo(PrintStream stream) {
            stream.write(buf, 0, count);
        }
    }
}
