package dev.lambdarouter.localstack.alb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Reads a request body as framed by its head: {@code Content-Length}, {@code Transfer-Encoding: chunked}, or none.
 * As the load balancer: a body over the limit (1 MB for Lambda targets) is read to its end and refused with 413;
 * {@code Transfer-Encoding} other than {@code chunked} or {@code identity} is refused with 501; a bad or conflicting
 * length is refused with 400.
 */
final class RequestBodyReader {

    private static final int CHUNK_LINE_LIMIT = 4096;

    private RequestBodyReader() {}

    /** How the body is framed, checked before anything of it is read. */
    record Framing(boolean chunked, long contentLength) {

        static Framing of(RequestHead head) throws MalformedRequestException {
            List<String> codings = head.all("transfer-encoding");
            boolean chunked = false;
            if (!codings.isEmpty()) {
                String coding = String.join(",", codings).strip().toLowerCase(Locale.ROOT);
                if (coding.equals("chunked")) {
                    chunked = true;
                } else if (!coding.equals("identity")) {
                    throw new MalformedRequestException(501, "unsupported Transfer-Encoding " + coding);
                }
            }
            List<String> lengths = head.all("content-length");
            if (lengths.isEmpty()) {
                return new Framing(chunked, 0);
            }
            if (chunked) {
                throw new MalformedRequestException(400, "both Content-Length and Transfer-Encoding: chunked");
            }
            long length = -1;
            for (String value : lengths) {
                long parsed = parse(value.strip(), 10, 18);
                if (parsed < 0 || (length >= 0 && parsed != length)) {
                    throw new MalformedRequestException(400, "bad or conflicting Content-Length");
                }
                length = parsed;
            }
            return new Framing(false, length);
        }

        /** Whether the body is known to be over {@code limit} before it is read. */
        boolean declaredOver(int limit) {
            return !chunked && contentLength > limit;
        }
    }

    /**
     * Reads the whole body.
     *
     * @return the body, or {@code null} when it was over {@code limit} (it has then been read and discarded)
     */
    static byte[] read(Framing framing, InputStream in, int limit) throws IOException, MalformedRequestException {
        if (!framing.chunked()) {
            if (framing.contentLength() > limit) {
                discard(in, framing.contentLength());
                return null;
            }
            byte[] body = in.readNBytes((int) framing.contentLength());
            if (body.length < framing.contentLength()) {
                throw new IOException("the connection ended inside the request body");
            }
            return body;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean over = false;
        while (true) {
            String sizeLine = chunkLine(in);
            int extension = sizeLine.indexOf(';');
            long size = parse((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).strip(), 16, 15);
            if (size < 0) {
                throw new MalformedRequestException(400, "bad chunk size");
            }
            if (size == 0) {
                while (!chunkLine(in).isEmpty()) {
                    // trailer fields: not forwarded
                }
                return over ? null : body.toByteArray();
            }
            if (over || body.size() + size > limit) {
                over = true;
                discard(in, size);
            } else {
                byte[] chunk = in.readNBytes((int) size);
                if (chunk.length < size) {
                    throw new IOException("the connection ended inside the request body");
                }
                body.write(chunk);
            }
            if (!chunkLine(in).isEmpty()) {
                throw new MalformedRequestException(400, "chunk data longer than its size");
            }
        }
    }

    private static String chunkLine(InputStream in) throws IOException, MalformedRequestException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("the connection ended inside the request body");
            }
            if (line.size() > CHUNK_LINE_LIMIT) {
                throw new MalformedRequestException(400, "chunk size line too long");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static void discard(InputStream in, long bytes) throws IOException {
        long left = bytes;
        byte[] buffer = new byte[64 * 1024];
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("the connection ended inside the request body");
            }
            left -= n;
        }
    }

    /** A non-negative number of at most {@code maxDigits} digits in {@code radix}, without sign; -1 otherwise. */
    private static long parse(String digits, int radix, int maxDigits) {
        if (digits.isEmpty()
                || digits.length() > maxDigits
                || !digits.chars().allMatch(c -> Character.digit(c, radix) >= 0)) {
            return -1;
        }
        return Long.parseLong(digits, radix);
    }
}
