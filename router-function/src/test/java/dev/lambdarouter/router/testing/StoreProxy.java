package dev.lambdarouter.router.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback in front of a service (e.g. moto_server) that can fall silent: from {@link #goSilent()}
 * on, requests still arrive but no answer ever comes back, on new and kept-alive connections alike (a store behind
 * a frozen connection or a black-holed network). {@link #silent()} is silent from the start and needs no service.
 * Counts the connections it accepts, so a test can assert that none was opened.
 */
public final class StoreProxy implements AutoCloseable {

    private final ServerSocket server;
    private final URI upstream;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "store-proxy");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean silent;

    private StoreProxy(URI upstream, boolean silent) {
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.upstream = upstream;
        this.silent = silent;
        threads.execute(this::acceptLoop);
    }

    /** Forwards to {@code upstream} (an {@code http://host:port} URI) until {@link #goSilent()}. */
    public static StoreProxy forwardingTo(URI upstream) {
        return new StoreProxy(upstream, false);
    }

    /** Accepts connections and reads requests, but never answers. */
    public static StoreProxy silent() {
        return new StoreProxy(null, true);
    }

    /** The endpoint to point a client at. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** No answer reaches a client from now on. */
    public void goSilent() {
        silent = true;
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                sockets.add(client);
                if (upstream == null) {
                    threads.execute(() -> relay(client, null, false));
                    continue;
                }
                Socket service = new Socket(upstream.getHost(), upstream.getPort());
                sockets.add(service);
                threads.execute(() -> relay(client, service, false));
                threads.execute(() -> relay(service, client, true));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Copies {@code from} to {@code to} (or nowhere), dropping answers while silent. */
    private void relay(Socket from, Socket to, boolean answers) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to == null ? OutputStream.nullOutputStream() : to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (!(answers && silent)) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException closed) {
            // the other side went away
        } finally {
            closeQuietly(from);
            if (to != null) {
                closeQuietly(to);
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        sockets.forEach(StoreProxy::closeQuietly);
        threads.shutdownNow();
    }
}
