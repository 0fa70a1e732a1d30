package dev.lambdarouter.localstack.alb;

import dev.lambdarouter.localstack.log.ConsoleLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The load balancer's HTTP/1.1 front end: a Jetty server with the Application Load Balancer's limits (listed in
 * {@code local-stack/README.md}, "Local ALB") whose refusals, Jetty's own included, get the load balancer's bare
 * error page (a head over the limits 400 as from the load balancer, where Jetty would say 431); why a request was
 * refused goes to the console, never to the client.
 */
final class HttpFrontEnd {

    static final int LINE_LIMIT = 16 * 1024;
    static final int HEAD_LIMIT = 64 * 1024;

    private static final Pattern BAD_PERCENT = Pattern.compile("%(?![0-9a-fA-F]{2})");

    private HttpFrontEnd() {}

    /** Binds {@code address} (port 0 picks a free one) and passes each acceptable request to {@code answer}. */
    static Server start(
            InetSocketAddress address, int bodyLimit, ConsoleLog console, Function<IncomingRequest, AlbResponse> answer)
            throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("alb-listener");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setRequestHeaderSize(HEAD_LIMIT);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost(address.getAddress().getHostAddress());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(60_000);
        connector.setAcceptQueueSize(256);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws IOException {
                AlbResponse answered;
                try {
                    answered = answer.apply(read(request, bodyLimit));
                } catch (RuntimeException e) {
                    Refusal refusal = e instanceof Refusal r ? r : new Refusal(502, "the local stack failed: " + e);
                    console.line(
                            "alb",
                            request.getMethod() + " " + request.getHttpURI().getPath() + " -> " + refusal.status + ": "
                                    + refusal.getMessage());
                    answered = page(refusal.status);
                    if (refusal.status < 500) { // the request itself was bad
                        response.getHeaders().put(HttpHeader.CONNECTION, "close");
                    }
                }
                send(answered, response, callback);
                return true;
            }
        });
        server.setErrorHandler(new ErrorHandler() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                int status = response.getStatus() == 431 ? 400 : response.getStatus();
                console.line("alb", "(unreadable request) -> " + status + ": " + request.getAttribute(ERROR_MESSAGE));
                send(page(status), response, callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            stop(server);
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BindException bind) {
                    throw bind;
                }
            }
            throw new IOException("cannot start the ALB listener: " + e, e);
        }
        return server;
    }

    /** The request, refused when it breaks a limit Jetty does not check. */
    private static IncomingRequest read(Request request, int bodyLimit) throws IOException {
        String pathQuery = request.getHttpURI().getPathQuery();
        if (request.getMethod().length() + pathQuery.length() + " HTTP/1.1".length() + 1 > LINE_LIMIT) {
            throw new Refusal(400, "request line over " + LINE_LIMIT + " bytes");
        }
        if (BAD_PERCENT.matcher(pathQuery).find()) {
            throw new Refusal(400, "bad percent-encoding in the request target");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (HttpField field : request.getHeaders()) {
            if (field.getName().length() + 2 + field.getValue().length() > LINE_LIMIT) {
                throw new Refusal(400, "header line over " + LINE_LIMIT + " bytes");
            }
            headers.add(Map.entry(field.getName(), field.getValue()));
        }
        boolean expectsContinue = request.getHeaders().contains(HttpHeader.EXPECT, "100-continue");
        if (expectsContinue && request.getLength() > bodyLimit) {
            throw new Refusal(413, "the request body is over " + bodyLimit + " bytes");
        }
        InputStream in = Request.asInputStream(request);
        byte[] body = in.readNBytes(bodyLimit + 1);
        if (body.length > bodyLimit) {
            in.transferTo(OutputStream.nullOutputStream()); // read to its end, so the client sees the answer
            throw new Refusal(413, "the request body is over " + bodyLimit + " bytes");
        }
        return new IncomingRequest(
                request.getMethod(),
                request.getHttpURI().getPath(),
                request.getHttpURI().getQuery(),
                headers,
                body,
                Request.getRemoteAddr(request),
                Request.getLocalPort(request));
    }

    private static void send(AlbResponse answer, Response response, Callback callback) {
        response.setStatus(answer.status());
        answer.headers().forEach(h -> response.getHeaders().add(h.getKey(), h.getValue()));
        boolean bodyless = answer.status() == 204 || answer.status() == 304;
        response.write(true, ByteBuffer.wrap(bodyless ? new byte[0] : answer.body()), callback);
    }

    /** The small HTML page the load balancer answers with when it, not the target, produces the response. */
    private static AlbResponse page(int status) {
        String title = status + " "
                + switch (status) {
                    case 400 -> "Bad Request";
                    case 413 -> "Request Entity Too Large";
                    case 501 -> "Not Implemented";
                    case 502 -> "Bad Gateway";
                    case 503 -> "Service Temporarily Unavailable";
                    case 504 -> "Gateway Time-out";
                    default -> "Error";
                };
        String html = "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n</body>\r\n</html>\r\n";
        return new AlbResponse(
                status,
                List.of(Map.entry("Server", "awselb/2.0"), Map.entry("Content-Type", "text/html")),
                html.getBytes(StandardCharsets.UTF_8));
    }

    static void stop(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping anyway
        }
    }
}
