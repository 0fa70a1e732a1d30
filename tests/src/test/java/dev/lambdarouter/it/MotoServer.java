package dev.lambdarouter.it;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A {@code moto_server} process on 127.0.0.1 (moto 5: the real SSM wire protocol), started and stopped by the
 * test. Fails with a clear message when moto is not installed.
 */
public final class MotoServer implements AutoCloseable {

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private MotoServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    public static MotoServer start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("moto-server", ".log");
        Process process;
        try {
            process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IOException("moto_server is not on PATH: install moto (pip install 'moto[server]')", e);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        MotoServer server = new MotoServer(process, endpoint, log);
        server.awaitReady(Duration.ofSeconds(30));
        return server;
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("moto_server exited: " + Files.readString(log));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
                c.setConnectTimeout(200);
                c.setReadTimeout(1000);
                if (c.getResponseCode() > 0) {
                    c.disconnect();
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IOException("moto_server did not start within " + timeout);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A real SDK SSM client pointed at this server. */
    public SsmClient ssmClient() {
        return SsmClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Stops the server (simulates Parameter Store becoming unreachable). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        File f = log.toFile();
        if (!f.delete()) {
            f.deleteOnExit();
        }
    }
}
