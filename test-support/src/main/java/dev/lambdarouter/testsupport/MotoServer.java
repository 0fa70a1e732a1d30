package dev.lambdarouter.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * A moto server process (moto 5: the real SSM wire protocol) on 127.0.0.1 and a free port, started and stopped by a
 * test. It also answers CloudWatch in Smithy RPC v2 CBOR, the only protocol SDK v2's CloudWatch client speaks (moto
 * itself speaks query and JSON): the server runs through {@code moto_server_cbor.py}, a launcher that puts a
 * translating middleware in front of moto's own app (and teaches GetMetricData percentile statistics). Needs
 * {@code python3} with moto 5 installed ({@code pip install 'moto[server]'}); fails with a clear message when it is
 * missing or the server does not come up.
 */
public final class MotoServer implements AutoCloseable {

    /** The credentials moto accepts (any). */
    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private static final String LAUNCHER = "moto_server_cbor.py";

    private final Process process;
    private final URI endpoint;
    private final Path log;
    private final Path launcher;

    private MotoServer(Process process, URI endpoint, Path log, Path launcher) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
        this.launcher = launcher;
    }

    public static MotoServer start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("moto-server", ".log");
        Path launcher = extractLauncher();
        Process process;
        try {
            process = new ProcessBuilder(
                            "python3", launcher.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            Files.deleteIfExists(launcher);
            throw new IOException(
                    "python3 is not on PATH: install Python 3 with moto 5 (pip install 'moto[server]')", e);
        }
        MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port), log, launcher);
        server.awaitReady();
        return server;
    }

    private static Path extractLauncher() throws IOException {
        Path launcher = Files.createTempFile("moto-server-cbor", ".py");
        try (InputStream source = MotoServer.class.getResourceAsStream(LAUNCHER)) {
            if (source == null) {
                throw new IOException(LAUNCHER + " is missing from test-support's resources");
            }
            Files.write(launcher, source.readAllBytes());
        }
        return launcher;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String output = Files.readString(log);
                close();
                throw new IOException("moto server exited: " + output);
            }
            try {
                HttpURLConnection c = (HttpURLConnection)
                        endpoint.resolve("/moto-api/").toURL().openConnection();
                c.setConnectTimeout(250);
                c.setReadTimeout(2000);
                c.getResponseCode();
                c.disconnect();
                return;
            } catch (IOException notListeningYet) {
                Thread.sleep(100);
            }
        }
        String output = Files.readString(log);
        close();
        throw new IOException("moto server did not answer within 30 s: " + output);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A real SDK SSM client for this server (test credentials, us-east-1, URL-connection HTTP client). */
    public SsmClient ssmClient() {
        return SsmClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** A CloudWatch client of this server (RPC v2 CBOR, answered through the launcher); the caller closes it. */
    public CloudWatchClient cloudWatchClient() {
        return CloudWatchClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Forgets every parameter (moto's reset API), so tests can share one server. */
    public void reset() {
        try {
            HttpURLConnection c = (HttpURLConnection)
                    endpoint.resolve("/moto-api/reset").toURL().openConnection();
            c.setRequestMethod("POST");
            c.setConnectTimeout(2000);
            c.setReadTimeout(10_000);
            int status = c.getResponseCode();
            c.disconnect();
            if (status / 100 != 2) {
                throw new IOException("moto reset answered HTTP " + status);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server (also how tests make Parameter Store unreachable). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        delete(log);
        delete(launcher);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
