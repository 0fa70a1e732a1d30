package dev.lambdarouter.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for the X-Ray daemon: a UDP socket on 127.0.0.1 that hands over the segment documents it receives,
 * each checked to start with the daemon's header line. Shared with other modules through the test-jar.
 */
public final class XRayDaemonStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WAIT_MILLIS = 5_000;

    private final DatagramSocket socket;

    public XRayDaemonStub() {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.setSoTimeout(WAIT_MILLIS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where to send: the value for {@code AWS_XRAY_DAEMON_ADDRESS} is {@code 127.0.0.1:<port>}. */
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    /** The next document received (waits up to 5 s for it; fails the test if none comes). */
    public JsonNode next() {
        byte[] buffer = new byte[65_536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no segment document reached the X-Ray daemon stub within " + WAIT_MILLIS + " ms");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String datagram = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
        int newline = datagram.indexOf('\n');
        assertEquals("{\"format\":\"json\",\"version\":1}", datagram.substring(0, Math.max(newline, 0)));
        try {
            return JSON.readTree(datagram.substring(newline + 1));
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + datagram, e);
        }
    }

    /** The next {@code count} documents, in the order they arrived. */
    public List<JsonNode> next(int count) {
        List<JsonNode> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            documents.add(next());
        }
        return documents;
    }

    @Override
    public void close() {
        socket.close();
    }
}
