package dev.lambdarouter.router.fuzz;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A router answer that was checked to be one the ALB accepts and that leaks nothing. {@link #check} fails with an
 * {@link AssertionError} naming the broken invariant; a fuzz test reports that as a finding.
 *
 * <p>Invariants: one JSON object and nothing after it; integer {@code statusCode} in 100..599; exactly one of
 * {@code headers} / {@code multiValueHeaders}, the one the event asked for; header names are HTTP tokens and
 * values strings without CR, LF or NUL; string {@code body}; boolean {@code isBase64Encoded} (and then a base64
 * body). {@link #requireRouterProblem} adds the checks for an error the router made itself: an RFC 9457
 * problem+json object whose {@code status} matches, which names no exception, stack frame or Java package, and
 * which is not the 500 {@code internal} problem (that one means an unexpected exception inside the router: a bug).
 */
final class AlbAnswer {

    static final String PROBLEM_CONTENT_TYPE = "application/problem+json";
    static final String PROBLEM_TYPE_PREFIX = "urn:lambda-router:problem:";

    private static final ObjectMapper STRICT =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> FIELDS =
            Set.of("statusCode", "statusDescription", "headers", "multiValueHeaders", "body", "isBase64Encoded");
    private static final String[] LEAKS = {"Exception", "\tat ", "java."};

    private final JsonNode root;
    private final JsonNode headers;
    private final boolean multiValue;

    private AlbAnswer(JsonNode root, JsonNode headers, boolean multiValue) {
        this.root = root;
        this.headers = headers;
        this.multiValue = multiValue;
    }

    /**
     * Checks every invariant of one router answer.
     *
     * @param answer             what {@code RequestRouter.handle} returned
     * @param multiValueExpected whether the event was a JSON object with an object {@code multiValueHeaders}
     */
    static AlbAnswer check(byte[] answer, boolean multiValueExpected) {
        JsonNode root;
        try {
            root = STRICT.readTree(answer);
        } catch (IOException e) {
            throw new AssertionError("the answer is not one JSON document: " + e.getMessage());
        }
        require(root != null && root.isObject(), "the answer is not a JSON object");
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            require(FIELDS.contains(name), () -> "the answer has a field the ALB does not know: " + name);
        }

        JsonNode status = root.get("statusCode");
        require(status != null && status.isInt(), "statusCode is not an integer");
        int code = status.intValue();
        require(code >= 100 && code <= 599, () -> "statusCode " + code + " is outside 100..599");
        JsonNode description = root.get("statusDescription");
        require(description == null || description.isTextual(), "statusDescription is not a string");

        boolean single = root.has("headers");
        boolean multi = root.has("multiValueHeaders");
        require(single != multi, "the answer must have exactly one of headers / multiValueHeaders");
        require(
                multi == multiValueExpected,
                multiValueExpected
                        ? "the event used multiValueHeaders but the answer uses headers"
                        : "the event used headers but the answer uses multiValueHeaders");
        JsonNode headers = multi ? root.get("multiValueHeaders") : root.get("headers");
        require(headers.isObject(), "the answer's headers are not an object");
        headers.fields().forEachRemaining(h -> checkHeader(h, multi));

        JsonNode body = root.get("body");
        require(body != null && body.isTextual(), "body is not a string");
        JsonNode base64 = root.get("isBase64Encoded");
        require(base64 != null && base64.isBoolean(), "isBase64Encoded is not a boolean");
        if (base64.booleanValue()) {
            try {
                Base64.getDecoder().decode(body.textValue());
            } catch (IllegalArgumentException e) {
                throw new AssertionError("isBase64Encoded is true but the body is not base64");
            }
        }

        return new AlbAnswer(root, headers, multi);
    }

    int status() {
        return root.get("statusCode").intValue();
    }

    String body() {
        return root.get("body").textValue();
    }

    boolean base64Encoded() {
        return root.get("isBase64Encoded").booleanValue();
    }

    /** The header's value (single-value mode) or its last value (multi-value mode); null when absent. */
    String header(String name) {
        JsonNode value = headers.get(name);
        if (value == null) {
            return null;
        }
        return multiValue
                ? (value.isEmpty() ? null : value.get(value.size() - 1).textValue())
                : value.textValue();
    }

    boolean hasHeader(String name) {
        return headers.has(name);
    }

    boolean isProblem() {
        return PROBLEM_CONTENT_TYPE.equals(header("content-type"));
    }

    /**
     * Checks that this is an error answer made by the router (not a worker's answer passed through) and returns
     * its problem type slug ({@code bad-request}, {@code no-route}, ...).
     *
     * @param echoed what the client sent that the problem may quote (method, path): left out of the leak check, as
     *               a client that sends "java.lang.Exception" as its path may see it quoted back
     */
    String requireRouterProblem(String... echoed) {
        require(status() != 500, () -> "status 500: an unexpected exception was caught inside the router: " + this);
        require(isProblem(), () -> "status " + status() + " without a problem+json body: " + this);
        checkProblem(echoed);
        return problemBody().get("type").textValue().substring(PROBLEM_TYPE_PREFIX.length());
    }

    @Override
    public String toString() {
        return root.toString();
    }

    private void checkProblem(String... echoed) {
        JsonNode problem = problemBody();
        String text = problem.toString();
        checkNoLeak(problem, echoed);
        JsonNode type = problem.get("type");
        require(
                type != null
                        && type.isTextual()
                        && type.textValue().startsWith(PROBLEM_TYPE_PREFIX)
                        && type.textValue().length() > PROBLEM_TYPE_PREFIX.length(),
                () -> "the problem has no type: " + text);
        require(problem.path("title").isTextual(), () -> "the problem has no title: " + text);
        require(problem.path("detail").isTextual(), () -> "the problem has no detail: " + text);
        require(
                problem.path("status").isInt() && problem.get("status").intValue() == status(),
                () -> "the problem's status differs from the answer's: " + text);
        require(status() >= 400, () -> "a problem answer with a success status: " + status());
    }

    /** Every string in the problem, less the client's own text, names no exception, stack frame or package. */
    private static void checkNoLeak(JsonNode node, String... echoed) {
        if (node.isContainerNode()) {
            node.fieldNames().forEachRemaining(name -> checkNoLeak(HostileJson.NODES.textNode(name), echoed));
            node.elements().forEachRemaining(child -> checkNoLeak(child, echoed));
            return;
        }
        if (!node.isTextual()) {
            return;
        }
        String text = withoutClientText(node.textValue(), echoed);
        for (String leak : LEAKS) {
            require(
                    !text.contains(leak),
                    () -> "a problem names internals (\"" + leak.replace("\t", "\\t") + "\"): " + printable(text));
        }
    }

    /** The text with each quote of the client's own input (whole, or cut at 200 characters) blanked out. */
    private static String withoutClientText(String text, String... echoed) {
        String rest = text;
        for (String quote : echoed) {
            if (quote != null && !quote.isEmpty()) {
                rest = rest.replace(quote, "<client>")
                        .replace(quote.substring(0, Math.min(quote.length(), 200)), "<client>");
            }
        }
        return rest;
    }

    private JsonNode problemBody() {
        try {
            JsonNode problem = STRICT.readTree(body());
            require(problem != null && problem.isObject(), () -> "a problem body is not a JSON object: " + body());
            return problem;
        } catch (IOException e) {
            throw new AssertionError("a problem body is not JSON: " + body());
        }
    }

    private static void checkHeader(Map.Entry<String, JsonNode> header, boolean multi) {
        String name = header.getKey();
        require(TOKEN.matcher(name).matches(), () -> "a header name is not an HTTP token: " + printable(name));
        JsonNode value = header.getValue();
        if (multi) {
            require(value.isArray(), () -> "multi-value header " + name + " is not an array");
            for (JsonNode v : value) {
                checkHeaderValue(name, v);
            }
        } else {
            checkHeaderValue(name, value);
        }
    }

    private static void checkHeaderValue(String name, JsonNode value) {
        require(value.isTextual(), () -> "header " + name + " has a value that is not a string");
        String text = value.textValue();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            require(
                    c != '\r' && c != '\n' && c != 0,
                    () -> "header " + name + " has a value with CR, LF or NUL: " + printable(text));
        }
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(200).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    static void require(boolean condition, String broken) {
        if (!condition) {
            throw new AssertionError(broken);
        }
    }

    /** Like {@link #require(boolean, String)}, for a message that costs something to build. */
    static void require(boolean condition, Supplier<String> broken) {
        if (!condition) {
            throw new AssertionError(broken.get());
        }
    }
}
