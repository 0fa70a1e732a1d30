package dev.lambdarouter.localstack.ssm;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** A {@code moto_server} process on 127.0.0.1, the reference the conformance test compares against. */
final class MotoSsmServer implements AutoCloseable {
  private final Process process;
  private final URI endpoint;
  private final Path log;

  private MotoSsmServer(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
  }

  static MotoSsmServer start() throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = Files.createTempFile("moto-ssm", ".log");
    Process process;
    try {
      process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
    } catch (IOException e) {
      Files.deleteIfExists(log);
      throw new IOException("moto_server is not on PATH: install moto 5 (pip install 'moto[server]')", e);
    }
    MotoSsmServer server = new MotoSsmServer(process, URI.create("http://127.0.0.1:" + port), log);
    server.awaitReady(Duration.ofSeconds(30));
    return server;
  }

  URI endpoint() {
    return endpoint;
  }

  private void awaitReady(Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        String output = Files.readString(log);
        close();
        throw new IOException("moto_server exited before answering: " + output);
      }
      try {
        HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
        c.setConnectTimeout(200);
        c.setReadTimeout(2000);
        int status = c.getResponseCode();
        c.disconnect();
        if (status > 0) {
          return;
        }
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    close();
    throw new IOException("moto_server did not answer GET /moto-api/ within " + timeout);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException ignored) {
      log.toFile().deleteOnExit();
    }
  }
}
