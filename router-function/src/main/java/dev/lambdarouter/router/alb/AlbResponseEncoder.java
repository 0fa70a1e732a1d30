package dev.lambdarouter.router.alb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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
 */
public final class AlbResponseEncoder {

    private final JsonFactory json;

    public AlbResponseEncoder(JsonFactory json) {
        this.json = json;
    }

    /** The answer as bytes. */
    public byte[] encode(AlbResponse response, boolean multiValueHeaders) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                256 + (response.body() == null ? 0 : response.body().length()));
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
            g.writeNumberField("statusCode", response.status());
            g.writeStringField("statusDescription", HttpStatusText.describe(response.status()));
            g.writeFieldName(multiValueHeaders ? "multiValueHeaders" : "headers");
            g.writeStartObject();
            for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
                List<String> values = header.getValue();
                if (values.isEmpty()) {
                    continue;
                }
                g.writeFieldName(header.getKey());
                if (multiValueHeaders) {
                    g.writeStartArray();
                    for (String v : values) {
                        g.writeString(v);
                    }
                    g.writeEndArray();
                } else if (values.size() == 1 || header.getKey().equalsIgnoreCase("set-cookie")) {
                    g.writeString(values.get(values.size() - 1));
                } else {
                    g.writeString(String.join(", ", values));
                }
            }
            g.writeEndObject();
            g.writeStringField("body", response.body() == null ? "" : response.body());
            g.writeBooleanField("isBase64Encoded", response.base64Encoded());
            g.writeEndObject();
        }
    }
}
