package dev.lambdarouter.router.alb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link AlbResponse} as the Lambda answer the ALB expects, in the header mode the event came in:
 * {@code multiValueHeaders} when the target group has them on, {@code headers} otherwise (several values of one
 * header are then joined with ", ", except {@code set-cookie}, of which the last value wins: single-value mode
 * cannot carry more).
 *
 * <p>Runs on every request: the answer's own member names and status descriptions are written pre-encoded, and a
 * worker's body kept as JSON text (see {@link AlbResponse}) is copied as it is, not escaped again.
 */
public final class AlbResponseEncoder {

    private static final SerializableString STATUS_CODE = new SerializedString("statusCode");
    private static final SerializableString STATUS_DESCRIPTION = new SerializedString("statusDescription");
    private static final SerializableString HEADERS = new SerializedString("headers");
    private static final SerializableString MULTI_VALUE_HEADERS = new SerializedString("multiValueHeaders");
    private static final SerializableString BODY = new SerializedString("body");
    private static final SerializableString IS_BASE64_ENCODED = new SerializedString("isBase64Encoded");

    private final JsonFactory json;

    public AlbResponseEncoder(JsonFactory json) {
        this.json = json;
    }

    /** The answer as bytes. */
    public byte[] encode(AlbResponse response, boolean multiValueHeaders) {
        int bodyLength = response.hasJsonBody()
                ? response.jsonBodyEnd() - response.jsonBodyStart()
                : response.body() == null ? 0 : response.body().length();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + bodyLength);
        try {
            encode(response, multiValueHeaders, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Writes the answer to {@code out} as it is generated (no copy of the whole answer), and flushes it; leaves
     * {@code out} open.
     */
    public void encode(AlbResponse response, boolean multiValueHeaders, OutputStream out) throws IOException {
        try (JsonGenerator g = json.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeFieldName(STATUS_CODE);
            g.writeNumber(response.status());
            g.writeFieldName(STATUS_DESCRIPTION);
            g.writeString(HttpStatusText.quotedDescription(response.status()));
            g.writeFieldName(multiValueHeaders ? MULTI_VALUE_HEADERS : HEADERS);
            g.writeStartObject();
            for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
                List<String> values = header.getValue();
                int n = values.size();
                if (n == 0) {
                    continue;
                }
                g.writeFieldName(header.getKey());
                if (multiValueHeaders) {
                    g.writeStartArray();
                    for (int i = 0; i < n; i++) {
                        g.writeString(values.get(i));
                    }
                    g.writeEndArray();
                } else if (n == 1 || header.getKey().equalsIgnoreCase("set-cookie")) {
                    g.writeString(values.get(n - 1));
                } else {
                    g.writeString(String.join(", ", values));
                }
            }
            g.writeEndObject();
            g.writeFieldName(BODY);
            if (response.hasJsonBody()) { // the worker's escaped text, copied
                g.writeRawUTF8String(
                        response.jsonBody(),
                        response.jsonBodyStart(),
                        response.jsonBodyEnd() - response.jsonBodyStart());
            } else {
                g.writeString(response.body() == null ? "" : response.body());
            }
            g.writeFieldName(IS_BASE64_ENCODED);
            g.writeBoolean(response.base64Encoded());
            g.writeEndObject();
        }
    }
}
