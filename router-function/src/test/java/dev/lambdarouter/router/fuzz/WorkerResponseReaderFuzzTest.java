package dev.lambdarouter.router.fuzz;

import static dev.lambdarouter.router.fuzz.AlbAnswer.require;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.router.alb.AlbResponse;
import dev.lambdarouter.router.alb.AlbResponseEncoder;
import dev.lambdarouter.router.alb.InvalidWorkerResponseException;
import dev.lambdarouter.router.alb.WorkerResponseReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzzing of {@link WorkerResponseReader} on its own, with raw payload bytes (seeds in
 * {@code WorkerResponseReaderFuzzTestInputs/read/} under the test resources).
 *
 * <p>Invariants: {@code read} throws nothing but {@link InvalidWorkerResponseException}, whose message (shown to
 * clients in the 502 problem) is one short line naming no exception or Java package; what it accepts has a status
 * in 100..599, HTTP-token header names, header values without CR, LF or NUL, and a base64 body when it says so;
 * what it accepts is what a databind tree of the payload says (status, body, flag, header values); and
 * {@link AlbResponseEncoder} turns what it accepts into a well-formed ALB answer in both header modes.
 */
class WorkerResponseReaderFuzzTest {

    private static final WorkerResponseReader READER = new WorkerResponseReader(InMemoryRouter.JSON.getFactory());
    private static final AlbResponseEncoder ENCODER = new AlbResponseEncoder(InMemoryRouter.JSON.getFactory());
    private static final ObjectMapper TREE = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    @FuzzTest(maxDuration = "15s")
    @DictionaryEntries({
        "\"statusCode\"",
        "\"headers\"",
        "\"multiValueHeaders\"",
        "\"body\"",
        "\"isBase64Encoded\"",
        "null",
        "true",
        "false",
        "[]",
        "{}",
        "200",
        "599",
        "600",
        "99",
        "-1",
        "1e2",
        "200.0",
        "2147483648",
        "\\r",
        "\\n",
        "\\u0000",
        "\"aGVsbG8=\"",
        "\"x y\""
    })
    void read(byte[] payload) {
        AlbResponse response;
        try {
            response = READER.read(payload);
        } catch (InvalidWorkerResponseException e) {
            String message = e.getMessage();
            require(message != null && !message.isBlank(), "a rejection without a reason");
            require(message.length() <= 300, () -> "a rejection reason longer than 300 characters: " + message);
            require(message.chars().noneMatch(c -> c < 0x20), "a rejection reason with control characters");
            require(
                    !message.contains("Exception") && !message.contains("java."),
                    () -> "a rejection reason that names Java internals: " + message);
            return;
        }

        require(response.status() >= 100 && response.status() <= 599, () -> "accepted status " + response.status());
        for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
            require(TOKEN.matcher(header.getKey()).matches(), "accepted a header name that is not a token");
            for (String value : header.getValue()) {
                require(
                        value != null && value.chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0),
                        "accepted a header value with CR, LF or NUL");
            }
        }
        if (response.base64Encoded() && response.body() != null) {
            try {
                Base64.getDecoder().decode(response.body());
            } catch (IllegalArgumentException e) {
                throw new AssertionError("accepted isBase64Encoded with a body that is not base64");
            }
        }
        requireAsTheTreeReadsIt(payload, response);
        for (boolean multiValue : new boolean[] {false, true}) {
            AlbAnswer answer = AlbAnswer.check(ENCODER.encode(response, multiValue), multiValue);
            require(answer.status() == response.status(), "the encoder changed the status");
        }
    }

    /**
     * What the streaming reader accepted is what a databind tree of the same payload says: one JSON document, the
     * same status, body, flag and header values ({@code headers} first, then {@code multiValueHeaders}).
     */
    private static void requireAsTheTreeReadsIt(byte[] payload, AlbResponse response) {
        JsonNode root;
        try {
            root = TREE.readTree(payload);
        } catch (IOException e) {
            throw new AssertionError("accepted a payload that is not one JSON document");
        }
        require(root.get("statusCode").intValue() == response.status(), "the status differs from the tree's");
        JsonNode body = root.get("body");
        String text = body == null || body.isNull() ? null : body.textValue();
        require(Objects.equals(text, response.body()), "the body differs from the tree's");
        JsonNode flag = root.get("isBase64Encoded");
        require((flag != null && flag.booleanValue()) == response.base64Encoded(), "the flag differs from the tree's");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String field : new String[] {"headers", "multiValueHeaders"}) {
            JsonNode object = root.get(field);
            if (object == null || object.isNull()) {
                continue;
            }
            object.fields().forEachRemaining(e -> {
                List<String> values = headers.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                if (e.getValue().isArray()) {
                    e.getValue().forEach(v -> values.add(v.asText()));
                } else {
                    values.add(e.getValue().asText());
                }
            });
        }
        require(headers.equals(response.headers()), () -> "the headers differ from the tree's: " + headers);
    }
}
