package dev.lambdarouter.localstack.cloudwatch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.IOException;

/**
 * A timestamp as RPC v2 CBOR carries it: tag 1 (epoch-based date/time) on the seconds since the epoch, an integer
 * when whole (in JSON: the number alone, as AWS JSON 1.0 has it). Put into a tree with {@code putPOJO}/{@code addPOJO}.
 */
record CborTimestamp(long epochMillis) implements JsonSerializable {

    /** A request's timestamp (the tag is skipped by the parser: seconds, possibly fractional) in milliseconds. */
    static long epochMillis(JsonNode seconds, String where) {
        if (!seconds.isNumber()) {
            throw CloudWatchError.invalid(where + " must be a timestamp (CBOR tag 1, epoch seconds), got " + seconds);
        }
        return Math.round(seconds.asDouble() * 1000);
    }

    @Override
    public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
        if (gen instanceof CBORGenerator cbor) {
            cbor.writeTag(1);
        }
        if (epochMillis % 1000 == 0) {
            gen.writeNumber(epochMillis / 1000);
        } else {
            gen.writeNumber(epochMillis / 1000.0);
        }
    }

    @Override
    public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer)
            throws IOException {
        serialize(gen, serializers);
    }
}
