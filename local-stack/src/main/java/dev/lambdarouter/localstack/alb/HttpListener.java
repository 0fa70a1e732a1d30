package dev.lambdarouter.localstack.alb;

import dev.lambdarouter.localstack.log.ConsoleLog;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The load balancer's HTTP/1.1 front end: keep-alive connections, one request at a time each, bodies framed by
 * {@code Content-Length} or chunked, {@code Expect: 100-continue}. It is the stack's own (not the JDK's HTTP server)
 * so that bad HTTP gets what the Application Load Balancer answers ({@link RequestHeadReader},
 * {@link RequestBodyReader}): its bare error page with 400, 413 or 501, then the connection is closed. Why a request
 * was refused goes to the console, never to the client.
 */
final class HttpListener implements AutoCloseable {

    /** The load balancer's default idle timeout: a connection without a request for this long is closed. */
    private static final int IDLE_TIMEOUT_MILLIS = 60_000;

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final ServerSocket server;
    private final int bodyLimit;
    private final ConsoleLog console;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "alb-listener");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile Function<IncomingRequest, AlbResponse> handler;

    private HttpListener(ServerSocket server, int bodyLimit, ConsoleLog console) {
        this.server = server;
        this.bodyLimit = bodyLimit;
        this.console = console;
    }

    /** Binds the address (port 0 picks a free one); nothing is accepted before {@link #start}. */
    static HttpListener bind(InetSocketAddress address, int bodyLimit, ConsoleLog console) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(address, 256);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return new HttpListener(server, bodyLimit, console);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** Starts accepting connections; each request goes to {@code requests}. */
    void start(Function<IncomingRequest, AlbResponse> requests) {
        this.handler = requests;
        threads.execute(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            connections.add(socket);
            try {
                threads.execute(() -> serve(socket));
            } catch (RuntimeException rejected) {
                close(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            boolean open = true;
            while (open) {
                open = exchange(socket, in, out);
            }
        } catch (IOException idleOrGone) {
            // idle past the timeout, or the client went away: nothing to answer
        } finally {
            connections.remove(socket);
        }
    }

    /** One request and its response; whether the connection stays open. */
    private boolean exchange(Socket socket, InputStream in, OutputStream out) throws IOException {
        RequestHead head;
        try {
            head = RequestHeadReader.read(in);
        } catch (MalformedRequestException e) {
            refuse(out, null, "(unreadable request)", e);
            return false;
        }
        if (head == null) {
            return false;
        }
        String summary = head.method() + " " + head.rawPath();
        byte[] body;
        try {
            RequestBodyReader.Framing framing = RequestBodyReader.Framing.of(head);
            boolean expectsContinue = "100-continue".equalsIgnoreCase(head.first("expect"));
            if (expectsContinue && framing.declaredOver(bodyLimit)) {
                refuse(out, head, summary, tooLarge());
                return false;
            }
            if (expectsContinue) {
                out.write(CONTINUE);
                out.flush();
            }
            body = RequestBodyReader.read(framing, in, bodyLimit);
        } catch (MalformedRequestException e) {
            refuse(out, head, summary, e);
            return false;
        }
        if (body == null) {
            refuse(out, head, summary, tooLarge());
            return false;
        }
        boolean keepAlive = head.version().equals("HTTP/1.1") && !"close".equalsIgnoreCase(head.first("connection"));
        AlbResponse response;
        try {
            response = handler.apply(
                    new IncomingRequest(head, body, socket.getInetAddress().getHostAddress(), socket.getLocalPort()));
        } catch (RuntimeException e) {
            console.line("alb", summary + " -> 502: the local stack failed: " + e);
            response = ErrorPages.of(502);
        }
        write(out, head, response, keepAlive);
        return keepAlive;
    }

    private MalformedRequestException tooLarge() {
        return new MalformedRequestException(413, "the request body is over " + bodyLimit + " bytes");
    }

    private void refuse(OutputStream out, RequestHead head, String summary, MalformedRequestException why)
            throws IOException {
        console.line("alb", summary + " -> " + why.status() + ": " + why.getMessage());
        write(out, head, ErrorPages.of(why.status()), false);
    }

    private static void write(OutputStream out, RequestHead head, AlbResponse response, boolean keepAlive)
            throws IOException {
        int status = response.status();
        boolean bodyless = status < 200 || status == 204 || status == 304;
        StringBuilder lines = new StringBuilder(256)
                .append("HTTP/1.1 ")
                .append(status)
                .append(' ')
                .append(ErrorPages.reason(status))
                .append("\r\n");
        lines.append("Date: ")
                .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)))
                .append("\r\n");
        for (Map.Entry<String, String> header : response.headers()) {
            lines.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        if (!bodyless) {
            lines.append("Content-Length: ").append(response.body().length).append("\r\n");
        }
        if (!keepAlive) {
            lines.append("Connection: close\r\n");
        }
        lines.append("\r\n");
        out.write(lines.toString().getBytes(StandardCharsets.ISO_8859_1));
        boolean headRequest = head != null && head.method().equals("HEAD");
        if (!bodyless && !headRequest) {
            out.write(response.body());
        }
        out.flush();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Stops accepting and closes every open connection. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        connections.forEach(HttpListener::close);
        threads.shutdownNow();
    }
}
