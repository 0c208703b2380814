package io.upsell.bench.ingest;

import io.upsell.testkit.ServiceLogLevels;
import io.upsell.testkit.TestKafka;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The test-kit broker in a JVM of its own with the JVM options Kafka's own start script gives a broker (G1, 20 ms
 * pause goal, 1 GB heap), as a deployed broker runs. In the benchmark's JVM it shared a Serial collector and a heap
 * with the load client, so every young collection (10-40 ms, about once a second at 2,000 requests/s) stopped the
 * broker and the client together; that was the largest share of the single-event p99 the benchmark reported.
 * The child stops when its parent's end of stdin closes, so it cannot outlive the benchmark.
 */
final class BrokerProcess implements AutoCloseable {

  /** kafka-server-start.sh's KAFKA_HEAP_OPTS and kafka-run-class.sh's KAFKA_JVM_PERFORMANCE_OPTS. */
  private static final List<String> KAFKA_JVM_OPTIONS = List.of("-Xmx1G", "-Xms1G", "-XX:+UseG1GC",
      "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent",
      "-Djava.awt.headless=true");
  private static final String READY = "bootstrap.servers=";
  /** A broker starts in ~2 s; far longer means it hangs, and the benchmark must not wait for ever. */
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final String bootstrapServers;

  private BrokerProcess(Process process, String bootstrapServers) {
    this.process = process;
    this.bootstrapServers = bootstrapServers;
  }

  /** Child side: start the broker, tell the parent where it is, live until stdin closes. */
  public static void main(String[] args) throws IOException {
    ServiceLogLevels.apply();
    System.out.println(READY + TestKafka.broker().bootstrapServers());
    System.out.flush();
    while (System.in.read() >= 0) {
      // the parent never writes; end of stream means it is gone
    }
    System.exit(0);
  }

  static BrokerProcess start() throws Exception {
    Path log = Files.createTempFile("bench-broker", ".log");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(KAFKA_JVM_OPTIONS);
    command.addAll(List.of(System.getProperty("ingest.bench.broker.jvm", "-Dunused=1").split("\\s+")));
    command.addAll(List.of("-cp", ProducerCeiling.classPath(), BrokerProcess.class.getName()));
    Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-bench-broker"));
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> ready = new CompletableFuture<>();
    // Reads the child's stdout to its end: the ready line completes the wait, the rest is drained.
    Thread reader = new Thread(() -> {
      try {
        for (String line; (line = out.readLine()) != null; ) {
          if (line.startsWith(READY)) {
            ready.complete(line.substring(READY.length()));
          }
        }
      } catch (IOException e) {
        // the child is gone; handled below
      }
      ready.completeExceptionally(new IllegalStateException("the broker process ended before it was ready"));
    }, "bench-broker-stdout");
    reader.setDaemon(true);
    reader.start();
    try {
      String servers = ready.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      System.err.println("broker in its own JVM at " + servers + " (log " + log + ")");
      return new BrokerProcess(process, servers);
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      String why = e instanceof TimeoutException ? "not ready within " + READY_TIMEOUT : e.getCause().getMessage();
      throw new IllegalStateException("bench broker " + why + "; see " + log, e);
    }
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
