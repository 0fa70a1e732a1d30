package dev.lambdarouter.router.alb;

import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayList;
import java.util.List;

/**
 * An ALB event as {@link AlbRequestDecoder#parse} read it, in one pass of a streaming parser over the raw bytes and
 * before its shape is checked ({@link AlbEventShape}): for each field an ALB sends, the JSON type of its value, where
 * the field lies in the raw bytes and what the router reads from it. The worker event is written from it
 * ({@link WorkerEventBuilder}): the fields the router does not change are copied from the raw bytes as they are, so
 * that the worker reads what the router read, and no JSON tree is built.
 *
 * <p>Fields an ALB does not send are skipped (neither read nor forwarded). A field an ALB sends that comes twice is
 * recorded ({@link #duplicateField}) and rejected by the shape check: the router and the worker might otherwise read
 * different ones.
 */
public final class AlbEvent {

    static final int HTTP_METHOD = 0;
    static final int PATH = 1;
    static final int HEADERS = 2;
    static final int QUERY = 3;
    static final int MULTI_VALUE_HEADERS = 4;
    static final int MULTI_VALUE_QUERY = 5;
    static final int BODY = 6;
    static final int IS_BASE64_ENCODED = 7;
    static final int REQUEST_CONTEXT = 8;

    /** The fields an ALB sends, by their index above. */
    static final String[] FIELD_NAMES = {
        "httpMethod",
        "path",
        "headers",
        "queryStringParameters",
        "multiValueHeaders",
        "multiValueQueryStringParameters",
        "body",
        "isBase64Encoded",
        "requestContext"
    };

    /** The raw event; UTF-8 (an event in another encoding is re-encoded before it is read). */
    final byte[] raw;

    /** The type of each field's value (its first token), null when the field is absent. */
    final JsonToken[] type = new JsonToken[FIELD_NAMES.length];

    /** Each field's byte range in {@link #raw}: from its name's opening quote to the end of its value. */
    final int[] start = new int[FIELD_NAMES.length];

    final int[] end = new int[FIELD_NAMES.length];

    /** The fields present, by index, in the order they came. */
    final int[] order = new int[FIELD_NAMES.length];

    int fieldCount;

    /** The first field an ALB sends that came twice, or null. */
    String duplicateField;

    /** The string values of {@code httpMethod} and {@code path} (null when of another type). */
    String method;

    String path;

    /**
     * A string {@code body}: where its value starts in {@link #raw} (the opening quote; it ends at
     * {@code end[BODY]}), its length in characters and in UTF-8 bytes (not kept as a string: it may be 1 MB).
     */
    int bodyStart;

    int bodyLength;
    long bodyUtf8Length;

    /** The members of {@code headers}, {@code queryStringParameters} and their multi-value forms, when objects. */
    final Members[] members = new Members[FIELD_NAMES.length];

    /** {@code requestContext.elb}'s type (null: absent) and {@code targetGroupArn}'s, and its value's byte range. */
    JsonToken elbType;

    JsonToken targetGroupArnType;
    int targetGroupArnStart;
    int targetGroupArnEnd;

    /** A field of {@code requestContext} or of its {@code elb} that came twice, or null. */
    String duplicateContextField;

    AlbEvent(byte[] raw) {
        this.raw = raw;
    }

    /** Whether the event uses multi-value headers ({@code multiValueHeaders} is an object): the answer must too. */
    public boolean multiValueHeaders() {
        return type[MULTI_VALUE_HEADERS] == JsonToken.START_OBJECT;
    }

    boolean has(int field) {
        return type[field] != null;
    }

    /** The members of an object of strings or of string arrays, in the order they came. */
    static final class Members {

        final List<Member> list = new ArrayList<>();

        /** Whether every value is a string; whether every value is a non-empty array of strings. */
        boolean strings = true;

        boolean stringArrays = true;

        void add(Member member) {
            list.add(member);
            strings &= member.type == JsonToken.VALUE_STRING;
            stringArrays &= member.type == JsonToken.START_ARRAY && member.values != null;
        }
    }

    /**
     * One member of a header or query object.
     *
     * @param name      the name, JSON escapes decoded
     * @param lowerName the name lower-cased (header names are case-insensitive)
     * @param type      the value's type
     * @param values    the value: one string, or a non-empty array's strings; null when of another shape
     * @param start     where the member starts in the raw event: its name's opening quote
     * @param end       where it ends: after its value
     */
    record Member(String name, String lowerName, JsonToken type, List<String> values, int start, int end) {}
}
