package dev.lambdarouter.router.alb;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * The text of a flat JSON object of string and integer members, for the router's own small answers (a problem, the
 * {@code 202} of an async invoke, the health check): escaped as jackson-core escapes strings, without databind, a
 * map or a generator. Members are written in the order they are added.
 */
public final class FlatJsonObject {

    private static final JsonStringEncoder ESCAPES = JsonStringEncoder.getInstance();

    private final StringBuilder json = new StringBuilder(192).append('{');

    /** Adds a string member ({@code null} when {@code value} is null). */
    public FlatJsonObject add(String name, String value) {
        name(name);
        if (value == null) {
            json.append("null");
        } else {
            json.append('"');
            ESCAPES.quoteAsString(value, json);
            json.append('"');
        }
        return this;
    }

    /** Adds an integer member. */
    public FlatJsonObject add(String name, long value) {
        name(name);
        json.append(value);
        return this;
    }

    private void name(String name) {
        if (json.length() > 1) {
            json.append(',');
        }
        json.append('"');
        ESCAPES.quoteAsString(name, json);
        json.append("\":");
    }

    /** The object's JSON text. */
    @Override
    public String toString() {
        int open = json.length();
        String text = json.append('}').toString();
        json.setLength(open);
        return text;
    }
}
