package dev.lambdarouter.tracing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One finished span as an X-Ray segment document, the JSON the X-Ray daemon takes over UDP after the header line
 * {@code {"format":"json","version":1}}.
 *
 * <ul>
 *   <li>A span with a parent (a local span, or the Lambda function segment named by the invocation's trace header)
 *       is an independent subsegment: {@code "type":"subsegment"} with {@code parent_id}; a span without one is a
 *       segment named after the service.</li>
 *   <li>Attributes named like X-Ray annotation keys (letters, digits, underscore: the router's {@code route},
 *       {@code target}, {@code mode}, {@code status}, {@code attempts}, {@code outcome}) are annotations, indexed for
 *       filter expressions ({@code annotation.route = "orders"}); dotted semantic-convention attributes
 *       ({@code rpc.method}, ...) are metadata under {@code otel}.</li>
 *   <li>An AWS SDK call ({@code rpc.system = aws-api}) is named after the service ({@code Lambda}, {@code SSM}) in
 *       the {@code aws} namespace with its operation and request id, as the X-Ray SDK wrote them.</li>
 *   <li>Status: an HTTP 429 is a throttle, another 4xx an error, anything else failed a fault; exceptions recorded on
 *       the span become the {@code cause}.</li>
 * </ul>
 */
final class SegmentDocument {

    /** The line the X-Ray daemon expects before each document. */
    static final String HEADER = "{\"format\":\"json\",\"version\":1}\n";

    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern ANNOTATION_KEY = Pattern.compile("[A-Za-z0-9_]{1,500}");
    private static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");
    private static final AttributeKey<String> RPC_SERVICE = AttributeKey.stringKey("rpc.service");
    private static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");
    private static final AttributeKey<String> AWS_REQUEST_ID = AttributeKey.stringKey("aws.request_id");
    private static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
    private static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");

    private SegmentDocument() {}

    /** The daemon's header line and the document of {@code span}, UTF-8. */
    static byte[] of(SpanData span, String serviceName) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        out.writeBytes(HEADER.getBytes(StandardCharsets.UTF_8));
        try (JsonGenerator json = JSON.createGenerator(out)) {
            write(json, span, serviceName);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a segment document in memory", e);
        }
        return out.toByteArray();
    }

    /** The X-Ray form of a W3C trace id: {@code 1-<8 hex: epoch seconds>-<24 hex>}. */
    static String xrayTraceId(String traceId) {
        return "1-" + traceId.substring(0, 8) + "-" + traceId.substring(8);
    }

    private static void write(JsonGenerator json, SpanData span, String serviceName) throws IOException {
        Attributes attributes = span.getAttributes();
        boolean awsCall = "aws-api".equals(attributes.get(RPC_SYSTEM));
        boolean subsegment = span.getParentSpanContext().isValid();
        json.writeStartObject();
        json.writeStringField("name", name(span, serviceName, awsCall, subsegment));
        json.writeStringField("id", span.getSpanId());
        json.writeStringField("trace_id", xrayTraceId(span.getTraceId()));
        json.writeNumberField("start_time", seconds(span.getStartEpochNanos()));
        json.writeNumberField("end_time", seconds(span.getEndEpochNanos()));
        if (subsegment) {
            json.writeStringField("type", "subsegment");
            json.writeStringField("parent_id", span.getParentSpanId());
        }
        if (awsCall) {
            json.writeStringField("namespace", "aws");
            json.writeObjectFieldStart("aws");
            writeIfPresent(json, "operation", attributes.get(RPC_METHOD));
            writeIfPresent(json, "request_id", attributes.get(AWS_REQUEST_ID));
            json.writeEndObject();
        }
        Long httpStatus = attributes.get(HTTP_STATUS);
        if (httpStatus != null) {
            json.writeObjectFieldStart("http");
            json.writeObjectFieldStart("response");
            json.writeNumberField("status", httpStatus);
            json.writeEndObject();
            json.writeEndObject();
        }
        writeStatus(json, span, httpStatus);
        writeAttributes(json, attributes);
        json.writeEndObject();
    }

    private static String name(SpanData span, String serviceName, boolean awsCall, boolean subsegment) {
        if (!subsegment) {
            return serviceName;
        }
        String service = span.getAttributes().get(RPC_SERVICE);
        return awsCall && service != null ? service : span.getName();
    }

    private static void writeStatus(JsonGenerator json, SpanData span, Long httpStatus) throws IOException {
        if (span.getStatus().getStatusCode() != StatusCode.ERROR && (httpStatus == null || httpStatus < 400)) {
            return;
        }
        if (httpStatus != null && httpStatus == 429) {
            json.writeBooleanField("throttle", true);
            json.writeBooleanField("error", true);
        } else if (httpStatus != null && httpStatus >= 400 && httpStatus < 500) {
            json.writeBooleanField("error", true);
        } else {
            json.writeBooleanField("fault", true);
        }
        boolean started = false;
        for (EventData event : span.getEvents()) {
            String type = event.getAttributes().get(EXCEPTION_TYPE);
            if (type == null) {
                continue;
            }
            if (!started) {
                json.writeObjectFieldStart("cause");
                json.writeArrayFieldStart("exceptions");
                started = true;
            }
            json.writeStartObject();
            json.writeStringField("type", type);
            writeIfPresent(json, "message", event.getAttributes().get(EXCEPTION_MESSAGE));
            json.writeEndObject();
        }
        if (started) {
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void writeAttributes(JsonGenerator json, Attributes attributes) throws IOException {
        Map<AttributeKey<?>, Object> all = attributes.asMap();
        boolean annotations = false;
        for (Map.Entry<AttributeKey<?>, Object> a : all.entrySet()) {
            if (isAnnotation(a.getKey(), a.getValue())) {
                if (!annotations) {
                    json.writeObjectFieldStart("annotations");
                    annotations = true;
                }
                writeValue(json, a.getKey().getKey(), a.getValue());
            }
        }
        if (annotations) {
            json.writeEndObject();
        }
        boolean metadata = false;
        for (Map.Entry<AttributeKey<?>, Object> a : all.entrySet()) {
            if (!isAnnotation(a.getKey(), a.getValue())) {
                if (!metadata) {
                    json.writeObjectFieldStart("metadata");
                    json.writeObjectFieldStart("otel");
                    metadata = true;
                }
                writeValue(json, a.getKey().getKey(), a.getValue());
            }
        }
        if (metadata) {
            json.writeEndObject();
            json.writeEndObject();
        }
    }

    private static boolean isAnnotation(AttributeKey<?> key, Object value) {
        return ANNOTATION_KEY.matcher(key.getKey()).matches()
                && (value instanceof String || value instanceof Number || value instanceof Boolean);
    }

    private static void writeValue(JsonGenerator json, String key, Object value) throws IOException {
        json.writeFieldName(key);
        if (value instanceof Long l) {
            json.writeNumber(l);
        } else if (value instanceof Double d) {
            json.writeNumber(d);
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Iterable<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                json.writeString(String.valueOf(item));
            }
            json.writeEndArray();
        } else {
            json.writeString(String.valueOf(value));
        }
    }

    private static void writeIfPresent(JsonGenerator json, String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }

    private static double seconds(long epochNanos) {
        return epochNanos / 1_000_000_000.0;
    }
}
