package io.upsell.notifier.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged notifier ({@code target/quarkus-app/quarkus-run.jar}) as a separate process, started the way the
 * launcher starts it (env vars), so a test can kill it for real with SIGKILL and the benchmark can measure its RSS.
 */
public final class NotifierProcess implements AutoCloseable {

  /** The packaged jar, from the module directory (tests) or the repository root (exec:java from there). */
  public static final Path JAR = Files.exists(Path.of("notifier", "target", "quarkus-app", "quarkus-run.jar"))
      ? Path.of("notifier", "target", "quarkus-app", "quarkus-run.jar")
      : Path.of("target", "quarkus-app", "quarkus-run.jar");

  private final Process process;
  private final int port;

  private NotifierProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the jar and waits until it reports ready. */
  public static NotifierProcess start(String bootstrap, Path shopsFile, int smtpPort, Map<String, String> props,
      Path log) throws IOException, InterruptedException {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run ./mvnw -B -pl notifier package "
          + "-DskipTests first");
    }
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC"));
    // Extra JVM flags for a profiling run, e.g. -Dnotifier.process.jvm-args=-XX:StartFlightRecording=...
    String extra = System.getProperty("notifier.process.jvm-args", "").strip();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    props.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.addAll(List.of("-jar", JAR.toString()));
    var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
        "UPSELL_SHOPS_FILE", shopsFile.toString(),
        "QUARKUS_HTTP_PORT", Integer.toString(port),
        "QUARKUS_MAILER_HOST", "127.0.0.1",
        "QUARKUS_MAILER_PORT", Integer.toString(smtpPort),
        "QUARKUS_MAILER_START_TLS", "DISABLED",
        "NOTIFIER_TOKEN_SECRET", "process-test-secret",
        "NOTIFIER_PUBLIC_BASE_URL", "http://127.0.0.1:" + port));
    var started = new NotifierProcess(builder.start(), port);
    started.awaitReady(Duration.ofSeconds(90));
    return started;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hooks, no flush, no offset commit. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  private void awaitReady(Duration timeout) throws InterruptedException {
    var http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("notifier exited with " + process.exitValue());
      }
      try {
        var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
            .build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("notifier not ready in " + timeout);
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        kill();
      }
    }
  }
}
