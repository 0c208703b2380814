package io.upsell.ingest.bench;

import java.io.File;
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

/** The packaged order-ingest service as a child JVM on a free loopback port, stopped on close. */
final class ServiceProcess implements AutoCloseable {

  private final Process process;
  private final String baseUrl;

  private ServiceProcess(Process process, int port) {
    this.process = process;
    this.baseUrl = "http://127.0.0.1:" + port;
  }

  static ServiceProcess start(String servers, Path shopsFile, Map<String, String> env) throws Exception {
    Path jar = jar();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    File log = Files.createTempFile("order-ingest-bench", ".log").toFile();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m"));
    String extra = System.getProperty("ingest.bench.jvm", "").strip();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
    builder.environment().putAll(env);
    builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", servers);
    builder.environment().put("UPSELL_SHOPS_FILE", shopsFile.toString());
    builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
    builder.environment().put("QUARKUS_LOG_LEVEL", "WARN");
    Process process = builder.start();
    // Never leave the service running when the benchmark JVM ends, however it ends.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-order-ingest"));
    ServiceProcess service = new ServiceProcess(process, port);
    service.awaitReady(log);
    return service;
  }

  String baseUrl() {
    return baseUrl;
  }

  private void awaitReady(File log) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        var response = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready")).build(),
            HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    close();
    throw new IllegalStateException("order-ingest did not become ready; see " + log);
  }

  private static Path jar() {
    for (String candidate : new String[] {"target/quarkus-app/quarkus-run.jar",
        "order-ingest/target/quarkus-app/quarkus-run.jar"}) {
      if (Files.isRegularFile(Path.of(candidate))) {
        return Path.of(candidate).toAbsolutePath();
      }
    }
    throw new IllegalStateException("no quarkus-run.jar: run with 'package -DskipTests' before exec:java");
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
