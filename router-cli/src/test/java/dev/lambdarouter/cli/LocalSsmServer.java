package dev.lambdarouter.cli;

import java.io.IOException;
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
import software.amazon.awssdk.services.ssm.SsmClient;

/** {@code moto_server} (moto 5, real SSM wire protocol) on 127.0.0.1 and a free port, for one test class. */
final class LocalSsmServer implements AutoCloseable {
  static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

  private final Process process;
  private final URI endpoint;
  private final Path output;

  private LocalSsmServer(Process process, URI endpoint, Path output) {
    this.process = process;
    this.endpoint = endpoint;
    this.output = output;
  }

  static LocalSsmServer start() throws IOException, InterruptedException {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Path output = Files.createTempFile("router-cli-moto", ".log");
    Process process;
    try {
      process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", String.valueOf(port))
          .redirectErrorStream(true)
          .redirectOutput(output.toFile())
          .start();
    } catch (IOException e) {
      throw new IOException("cannot start moto_server (pip install 'moto[server]'): " + e.getMessage(), e);
    }
    LocalSsmServer server = new LocalSsmServer(process, URI.create("http://127.0.0.1:" + port), output);
    server.awaitReady();
    return server;
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("moto_server exited:\n" + Files.readString(output));
      }
      try {
        HttpURLConnection connection = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
        connection.setConnectTimeout(250);
        connection.setReadTimeout(2000);
        connection.getResponseCode();
        connection.disconnect();
        return;
      } catch (IOException notListeningYet) {
        Thread.sleep(100);
      }
    }
    close();
    throw new IOException("moto_server did not answer within 30 s:\n" + Files.readString(output));
  }

  URI endpoint() {
    return endpoint;
  }

  /** A client for arranging and inspecting parameters, independent of the CLI's own clients. */
  SsmClient client() {
    return SsmClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    Files.deleteIfExists(output);
  }
}
