package dev.lambdarouter.localstack.alb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and checks an HTTP/1.x request head with the Application Load Balancer's limits: request line 16 KB, any
 * single header line 16 KB, the whole head 64 KB; within those there is no limit on the number of headers. What the
 * load balancer would refuse as malformed is a {@link MalformedRequestException} (400): a request line that is not
 * {@code METHOD SP target SP HTTP/1.x}, a target that is not a path (or {@code *}) or has a control character, a
 * space or a {@code %} not followed by two hex digits, a header line without a name and colon, a folded
 * (multi-line) header, a missing or repeated {@code Host} on HTTP/1.1.
 */
final class RequestHeadReader {

    static final int REQUEST_LINE_LIMIT = 16 * 1024;
    static final int HEADER_LINE_LIMIT = 16 * 1024;
    static final int HEAD_LIMIT = 64 * 1024;

    private RequestHeadReader() {}

    /**
     * Reads one request head.
     *
     * @return the head, or {@code null} when the connection ended (or was idle) before a request began
     * @throws MalformedRequestException when the head breaks HTTP or the load balancer's limits
     * @throws IOException               when the connection fails mid-head
     */
    static RequestHead read(InputStream in) throws IOException, MalformedRequestException {
        int[] headBytes = {0};
        String requestLine = readLine(in, REQUEST_LINE_LIMIT, headBytes, "request line");
        while (requestLine != null && requestLine.isEmpty()) { // RFC 9112: ignore empty lines before a request
            requestLine = readLine(in, REQUEST_LINE_LIMIT, headBytes, "request line");
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || !HttpSyntax.isToken(parts[0])) {
            throw bad("malformed request line");
        }
        String version = parts[2];
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw bad("unsupported protocol version " + printable(version));
        }
        String target = parts[1];
        checkTarget(target, parts[0]);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        while (true) {
            String line = readLine(in, HEADER_LINE_LIMIT, headBytes, "header line");
            if (line == null) {
                throw new IOException("the connection ended inside the request head");
            }
            if (line.isEmpty()) {
                break;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw bad("folded (multi-line) header");
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !HttpSyntax.isToken(line.substring(0, colon))) {
                throw bad("malformed header line");
            }
            String value = line.substring(colon + 1).strip();
            if (HttpSyntax.hasControlCharacter(value)) {
                throw bad("control character in the value of " + line.substring(0, colon));
            }
            headers.add(Map.entry(line.substring(0, colon), value));
        }
        RequestHead head = new RequestHead(parts[0], target, version, List.copyOf(headers));
        List<String> hosts = head.all("host");
        if (hosts.size() > 1
                || (version.equals("HTTP/1.1")
                        && (hosts.isEmpty() || hosts.get(0).isEmpty()))) {
            throw bad("HTTP/1.1 needs exactly one non-empty Host header");
        }
        return head;
    }

    private static void checkTarget(String target, String method) throws MalformedRequestException {
        if (target.equals("*") && method.equals("OPTIONS")) {
            return;
        }
        if (!target.startsWith("/")) {
            throw bad("the request target is not a path");
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                throw bad("control character or space in the request target");
            }
            if (c == '%'
                    && (i + 2 >= target.length()
                            || Character.digit(target.charAt(i + 1), 16) < 0
                            || Character.digit(target.charAt(i + 2), 16) < 0)) {
                throw bad("bad percent-encoding in the request target");
            }
        }
    }

    /**
     * One line without its CRLF (a bare LF also ends a line), decoded as ISO-8859-1 as HTTP/1.1 heads are;
     * {@code null} at the end of the stream before any byte of the line.
     */
    private static String readLine(InputStream in, int lineLimit, int[] headBytes, String what)
            throws IOException, MalformedRequestException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int read = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (read == 0) {
                    return null;
                }
                throw new IOException("the connection ended inside the request head");
            }
            read++;
            headBytes[0]++;
            if (headBytes[0] > HEAD_LIMIT) {
                throw bad("request head over " + HEAD_LIMIT + " bytes");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= lineLimit + 1) { // + 1: room for the CR of the CRLF
                throw bad(what + " over " + lineLimit + " bytes");
            }
            line.write(b);
        }
    }

    private static String printable(String s) {
        String shown = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static MalformedRequestException bad(String why) {
        return new MalformedRequestException(400, why);
    }
}
