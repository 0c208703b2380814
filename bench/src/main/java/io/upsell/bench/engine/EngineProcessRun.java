package io.upsell.bench.engine;

import io.upsell.bench.ProcessCpu;
import io.upsell.testkit.ServiceProcess;
import io.upsell.testkit.TestShops;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * The packaged engine as the launcher runs it (its own JVM, the launcher's heap and GC flags) over the bench input
 * under its own application id: its wall-clock rate and its own resident memory, sampled from /proc while it works,
 * so the engine's RSS is not mixed up with the broker's and the load clients' in the benchmark JVM.
 */
final class EngineProcessRun {

  /**
   * Seconds from the process start until all input was consumed (start-up included), the CPU seconds the process
   * used by then (start-up included; steadier than the wall-clock rate on a machine the broker shares), RSS peak / at
   * the end, and, when the engine's Streams client died first, what it died of (else null); also the CPU seconds of
   * its stream thread alone, which the JIT compiler's and the collector's threads do not blur (-1 where unknown).
   */
  record Result(double seconds, double startSeconds, double cpuSeconds, double streamThreadCpuSeconds,
      long peakRssKb, long endRssKb, String failure) {}

  private EngineProcessRun() {}

  static Result run(Admin admin, String bootstrap, Set<String> inputs, Map<String, String> engineSettings)
      throws Exception {
    String applicationId = "bench-engine-process";
    List<String> options = new ArrayList<>(io.upsell.deploy.launcher.Services.jvmOptions("trigger-engine"));
    options.add("-Dquarkus.kafka-streams.application-id=" + applicationId);
    String extra = System.getProperty("bench.process.jvm", "").trim(); // experiments: heap size, GC logging
    if (!extra.isEmpty()) {
      options.addAll(List.of(extra.split("\\s+")));
    }
    engineSettings.forEach((key, value) -> options.add("-D" + key + "=" + value));
    Map<String, String> env = Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
        "QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS", bootstrap,
        "KAFKA_STREAMS_STATE_DIR", Files.createTempDirectory("bench-engine-process").toString(),
        "UPSELL_SHOPS_FILE", TestShops.writeFile().toString(),
        "QUARKUS_HTTP_HOST", "127.0.0.1",
        // The packaged engine refuses to start without a coupon key, as the launcher's first start makes one.
        "UPSELL_ENGINE_COUPON_SECRET", io.upsell.engine.testing.TestConfig.TEST_COUPON_SECRET);
    Map<TopicPartition, Long> end = StreamsRun.inputEnds(admin, inputs);
    Path log = Files.createTempFile("bench-engine-process", ".log");
    long started = System.nanoTime();
    try (ServiceProcess engine = ServiceProcess.start(ServiceProcess.jar("trigger-engine"), options, env,
        ServiceProcess.freePort(), log, Duration.ofSeconds(120))) {
      double startSeconds = (System.nanoTime() - started) / 1e9;
      System.err.printf("[bench] engine process pid %d, log %s%n", engine.pid(), log);
      long peak = 0;
      long last = 0;
      String failure = null;
      for (int sample = 1; failure == null && !StreamsRun.consumed(admin, applicationId, end); sample++) {
        Thread.sleep(200);
        last = rssKb(engine.pid());
        peak = Math.max(peak, last);
        failure = sample % 10 == 0 ? failure(log) : null; // the whole log, so every 2 s, not every sample
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      double cpuSeconds = ProcessCpu.of(engine.pid());
      return new Result(seconds, startSeconds, cpuSeconds, streamThreadCpuSeconds(engine.pid(), applicationId), peak,
          last, failure);
    }
  }

  // A Streams client in ERROR leaves the service running but idle: the wait would never end. What it died of, if so.
  private static String failure(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    if (lines.stream().noneMatch(l -> l.contains("State transition from PENDING_ERROR to ERROR"))) {
      return null;
    }
    return lines.stream().filter(l -> l.contains("OutOfMemoryError")).findFirst().map(l -> "OutOfMemoryError")
        .orElse("Streams client in ERROR (log " + log + ")");
  }

  // The busiest thread named after the application: the stream thread (Linux keeps the first 15 characters of a
  // thread's name, so the global thread has the same name; it does far less). utime + stime in clock ticks of 1/100 s.
  private static double streamThreadCpuSeconds(long pid, String applicationId) throws IOException {
    String name = applicationId.substring(0, Math.min(15, applicationId.length()));
    long ticks = -100;
    try (var threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path thread : threads.toList()) {
        try {
          if (Files.readString(thread.resolve("comm")).trim().equals(name)) {
            String stat = Files.readString(thread.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // from the 3rd field, state
            ticks = Math.max(ticks, Long.parseLong(fields[11]) + Long.parseLong(fields[12])); // 14th and 15th
          }
        } catch (java.nio.file.NoSuchFileException ended) {
          // a thread that ended since the listing (a client's I/O thread): not the stream thread, which still runs
        }
      }
    }
    return ticks / 100.0;
  }

  /** RSS of process {@code pid} in KB, from /proc. */
  static long rssKb(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
        .filter(l -> l.startsWith("VmRSS")).map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
  }
}
