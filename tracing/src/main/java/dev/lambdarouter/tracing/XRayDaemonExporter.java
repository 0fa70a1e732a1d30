package dev.lambdarouter.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Collection;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each finished span to the X-Ray daemon as one UDP datagram: the header line and the span's
 * {@link SegmentDocument}. This is how the X-Ray SDK reached X-Ray from a Lambda function with active tracing: the
 * Lambda runtime runs the daemon and names it in {@code AWS_XRAY_DAEMON_ADDRESS}, so no collector layer is needed.
 *
 * <p>The socket is opened on the first export, not at init: a SnapStart snapshot taken before any request holds no
 * socket. A send that fails is logged and dropped (UDP, like the daemon, is best-effort); it never fails a request.
 */
final class XRayDaemonExporter implements SpanExporter {

    private static final Logger LOG = LoggerFactory.getLogger(XRayDaemonExporter.class);

    private final InetSocketAddress daemon;
    private final String serviceName;
    private DatagramSocket socket;

    XRayDaemonExporter(InetSocketAddress daemon, String serviceName) {
        this.daemon = Objects.requireNonNull(daemon, "daemon");
        this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
    }

    @Override
    public synchronized CompletableResultCode export(Collection<SpanData> spans) {
        boolean allSent = true;
        for (SpanData span : spans) {
            byte[] document = SegmentDocument.of(span, serviceName);
            try {
                socket().send(new DatagramPacket(document, document.length, daemon));
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not send a trace segment to the X-Ray daemon at {}: {}", daemon, e.toString());
                allSent = false;
            }
        }
        return allSent ? CompletableResultCode.ofSuccess() : CompletableResultCode.ofFailure();
    }

    private DatagramSocket socket() throws SocketException {
        if (socket == null) {
            socket = new DatagramSocket();
        }
        return socket;
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public synchronized CompletableResultCode shutdown() {
        if (socket != null) {
            socket.close();
            socket = null;
        }
        return CompletableResultCode.ofSuccess();
    }
}
