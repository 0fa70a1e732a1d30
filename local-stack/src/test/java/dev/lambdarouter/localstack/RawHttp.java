package dev.lambdarouter.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** An HTTP client that sends exactly the bytes it is given, for requests other clients refuse to send. */
final class RawHttp {

    private static final int TIMEOUT_MILLIS = 30_000;

    private RawHttp() {}

    /** Sends {@code request} and returns everything the server sends until it closes the connection. */
    static String exchange(URI endpoint, String request) throws IOException {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * Sends a head with {@code Expect: 100-continue}, waits for the interim {@code 100 Continue}, then sends the
     * body; returns everything the server sent until it closed the connection.
     */
    static String exchangeWithContinue(URI endpoint, String head, String body) throws IOException {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] interim = in.readNBytes("HTTP/1.1 100 Continue\r\n\r\n".length());
            out.write(body.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new String(interim, StandardCharsets.ISO_8859_1)
                    + new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
