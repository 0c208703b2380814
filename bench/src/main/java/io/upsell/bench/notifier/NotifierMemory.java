package io.upsell.bench.notifier;

import io.upsell.deploy.launcher.Services;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upsell.schemas.topics.Topics;
import io.upsell.testkit.ServiceProcess;
import io.upsell.testkit.TestKafka;
import io.upsell.testkit.TestShops;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One packaged notifier's memory and start-up, with an empty broker and with a shop's history on it. Run as the
 * launcher runs it (its JVM flags, its own state directory), against the test kit's in-process broker:
 * <ol>
 *   <li>empty broker: start to ready, live heap after a forced GC, RSS;
 *   <li>the history is written (profiles, engagement events, deliveries over many shops and customers) and timed;
 *   <li>the notifier works through it: first start with an empty state directory (this builds the stores and their
 *       changelogs);
 *   <li>restore: started again with a new empty state directory, so its stores come back from the changelogs;
 *   <li>restart with the local state that restore left.
 * </ol>
 * Each start is timed to ready and to caught up (its group has consumed the history, its Streams client is RUNNING
 * and no store is restoring) and measured then: heap is the live heap after a full GC ({@link ProcessMemory}); the
 * targets are the (heap within 32 MB of the empty-broker heap, RSS under 512 MB, ready with local state within 30 s). Prints the bench table;
 * rows whose figure begins with "warning" flag a missed target or a run that went wrong.
 *
 * <p>Usage: {@code NotifierMemory [profiles] [engagement events] [deliveries]} (default 1,000,000 5,000,000
 * 1,000,000); a small run, e.g. {@code 10000 50000 10000}, checks it quickly.
 */
public final class NotifierMemory {

  /** The notifier's application id as shipped (its application.properties): its consumer group. */
  private static final String APPLICATION_ID = "notifier";
  private static final double HEAP_DELTA_TARGET_MB = 32;
  private static final double RSS_TARGET_MB = 512;
  private static final double START_WITH_STATE_TARGET_S = 30;
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(15);
  private static final Duration CONSUME_TIMEOUT = Duration.ofMinutes(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  // Caught up: the Streams client RUNNING with no store restoring, in this many health polls a second apart.
  private static final int STEADY_POLLS = 3;
  private static final List<String> HISTORY_TOPICS =
      List.of(Topics.CRM_CUSTOMERS.name(), Topics.ENGAGEMENT_EVENTS.name());

  /** What one start of the notifier showed. */
  private record Start(String phase, double readySeconds, double cpuSecondsToReady, double caughtUpSeconds,
      ProcessMemory.Figures memory, List<String> histogram) {}

  private final String bootstrap;
  private final Path shopsFile = TestShops.writeFile();
  private final int smtpPort;
  private final List<String> rows = new ArrayList<>();
  private final List<Path> stateDirs = new ArrayList<>();

  private NotifierMemory(String bootstrap, int smtpPort) {
    this.bootstrap = bootstrap;
    this.smtpPort = smtpPort;
  }

  public static void main(String[] args) {
    io.upsell.testkit.BenchMain.run(() -> {
      int profiles = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
      int engagements = args.length > 1 ? Integer.parseInt(args[1]) : 5_000_000;
      int deliveries = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
      String loadBefore = loadAverage();
      String bootstrap = TestKafka.broker().bootstrapServers();
      List<String> rows;
      try (var mail = new GreenMailSink()) {
        rows = new NotifierMemory(bootstrap, mail.port()).run(profiles, engagements, deliveries);
      }
      System.out.println();
      System.out.println("| figure | ours | ceiling | ratio |");
      System.out.println("| --- | --- | --- | --- |");
      rows.forEach(System.out::println);
      System.out.printf("| load average (1, 5, 15 min) before → after | %s → %s | - | - |%n", loadBefore,
          loadAverage());
    });
  }

  private List<String> run(int profiles, int engagements, int deliveries) throws Exception {
    try {
      return measure(profiles, engagements, deliveries);
    } finally {
      for (Path dir : stateDirs) {
        deleteTree(dir);
      }
    }
  }

  private List<String> measure(int profiles, int engagements, int deliveries) throws Exception {
    Start empty = startMeasureStop("empty broker", stateDir("empty"));
    rows.add(String.format("| notifier start → ready, empty broker (s) | %.1f | - | - |", empty.readySeconds()));
    rows.add(String.format("| notifier start → ready, empty broker: its CPU time (s) | %.1f | - | - |",
        empty.cpuSecondsToReady()));
    rows.add(String.format("| notifier live heap after GC, caught up, empty broker (MB) | %.1f | - | - |",
        empty.memory().heapAfterGcMb()));
    rssRows(empty);

    long started = System.nanoTime();
    new CustomerHistory(profiles, deliveries).write(bootstrap, engagements);
    double writeSeconds = (System.nanoTime() - started) / 1e9;
    long records = (long) profiles + engagements + deliveries;
    System.err.printf("[bench] history written: %d records in %.1f s%n", records, writeSeconds);
    rows.add(String.format("| history written: %,d profiles, %,d engagement events, %,d deliveries (s) | %.1f | - | -"
        + " |", profiles, engagements, deliveries, writeSeconds));
    rows.add(String.format("| history write rate, a BulkProducer per topic (records/s) | %.0f | - | - |",
        records / writeSeconds));

    Start first = startMeasureStop("history, first start (builds the stores)", stateDir("first"));
    afterHistoryRows(empty, first);

    Path restored = stateDir("restore");
    Start restore = startMeasureStop("history, restore from empty state", restored);
    afterHistoryRows(empty, restore);
    Start restart = startMeasureStop("history, start-up with local state", restored);
    afterHistoryRows(empty, restart);
    rows.add(String.format("| start-up with local state → ready (s) | %.1f | %.1f (target) | %.2f |",
        restart.readySeconds(), START_WITH_STATE_TARGET_S, restart.readySeconds() / START_WITH_STATE_TARGET_S));
    // On a loaded machine the JVM's and Quarkus's own start dominates; this is what the state adds to it.
    rows.add(String.format("| start-up with local state over the empty-broker start (s) | %.1f | - | - |",
        restart.readySeconds() - empty.readySeconds()));
    if (restart.readySeconds() >= START_WITH_STATE_TARGET_S) {
      rows.add("| warning: start-up with local state missed its target | | | |");
    }
    return rows;
  }

  private void afterHistoryRows(Start empty, Start start) {
    rows.add(String.format("| %s: start → ready (s) | %.1f | - | - |", start.phase(), start.readySeconds()));
    rows.add(String.format("| %s: start → ready: its CPU time (s) | %.1f | - | - |", start.phase(),
        start.cpuSecondsToReady()));
    rows.add(String.format("| %s: ready → caught up (history consumed, no store restoring) (s) | %.1f | - | - |",
        start.phase(), start.caughtUpSeconds()));
    double delta = start.memory().heapAfterGcMb() - empty.memory().heapAfterGcMb();
    rows.add(String.format("| %s: live heap after GC, caught up, over the empty broker's (MB; %.1f MB) | %.1f | %.1f (target) | "
        + "%.2f |", start.phase(), start.memory().heapAfterGcMb(), delta, HEAP_DELTA_TARGET_MB,
        delta / HEAP_DELTA_TARGET_MB));
    rssRows(start);
    if (delta > HEAP_DELTA_TARGET_MB) {
      rows.add(String.format("| warning: %s: heap %.1f MB over the empty broker's; largest on the heap: %s | | | |",
          start.phase(), delta, String.join("; ", start.histogram())));
    }
  }

  private void rssRows(Start start) {
    ProcessMemory.Figures memory = start.memory();
    rows.add(String.format("| %s: RSS (MB; of it heap committed %.0f MB) | %.1f | %.1f (target) | %.2f |",
        start.phase(), memory.heapCommittedMb(), memory.rssMb(), RSS_TARGET_MB, memory.rssMb() / RSS_TARGET_MB));
    rows.add(String.format("| %s: peak RSS, VmHWM (MB) | %.1f | %.1f (target) | %.2f |", start.phase(),
        memory.peakRssMb(), RSS_TARGET_MB, memory.peakRssMb() / RSS_TARGET_MB));
    if (memory.rssMb() >= RSS_TARGET_MB || memory.peakRssMb() >= RSS_TARGET_MB) {
      rows.add(String.format("| warning: %s: RSS over %.0f MB | | | |", start.phase(), RSS_TARGET_MB));
    }
  }

  /**
   * Starts the packaged notifier on {@code stateDir}, times it to ready and to caught up, measures it then and stops
   * it cleanly. Measured caught up, not at ready: readiness does not wait for the history to be consumed, and a
   * rebalance after the first can start restoring stores after it, so memory at ready would catch fetch buffers and
   * restore batches in flight, more or less of them by chance.
   */
  private Start startMeasureStop(String phase, Path stateDir) throws Exception {
    Path log = Files.createTempFile("notifier-memory", ".log");
    int port = ServiceProcess.freePort();
    Map<String, String> env = Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
        "QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS", bootstrap,
        "KAFKA_STREAMS_STATE_DIR", stateDir.toString(),
        "UPSELL_SHOPS_FILE", shopsFile.toString(),
        "QUARKUS_HTTP_HOST", "127.0.0.1",
        "QUARKUS_MAILER_HOST", "127.0.0.1",
        "QUARKUS_MAILER_PORT", Integer.toString(smtpPort),
        "QUARKUS_MAILER_START_TLS", "DISABLED",
        "NOTIFIER_TOKEN_SECRET", "bench-memory-secret",
        "NOTIFIER_PUBLIC_BASE_URL", "http://127.0.0.1:" + port);
    System.err.printf("[bench] %s: starting the notifier (state %s, log %s)%n", phase, stateDir, log);
    long started = System.nanoTime();
    try (ServiceProcess notifier = ServiceProcess.start(ServiceProcess.jar("notifier"), Services.jvmOptions("notifier"), env, port, log,
        READY_TIMEOUT)) {
      double ready = (System.nanoTime() - started) / 1e9;
      double cpu = ProcessHandle.of(notifier.pid()).flatMap(h -> h.info().totalCpuDuration())
          .map(d -> d.toMillis() / 1e3).orElse(Double.NaN);
      System.err.printf("[bench] %s: ready in %.1f s (pid %d)%n", phase, ready, notifier.pid());
      long readyAt = System.nanoTime();
      awaitConsumed(HISTORY_TOPICS);
      awaitSteady(port);
      double caughtUp = (System.nanoTime() - readyAt) / 1e9;
      System.err.printf("[bench] %s: caught up %.1f s after ready%n", phase, caughtUp);
      ProcessMemory.Figures memory = ProcessMemory.measure(notifier.pid());
      System.err.printf("[bench] %s: heap after GC %.1f MB, RSS %.1f MB, peak RSS %.1f MB%n", phase,
          memory.heapAfterGcMb(), memory.rssMb(), memory.peakRssMb());
      List<String> histogram = ProcessMemory.classHistogram(notifier.pid(), 30);
      histogram.forEach(line -> System.err.println("[bench]   " + line));
      stopCleanly(phase, notifier);
      // The histogram's first lines are its header; the classes holding most heap follow.
      return new Start(phase, ready, cpu, caughtUp, memory, histogram.stream().skip(3).limit(3).map(String::strip)
          .map(l -> l.replaceAll("\\s+", " ")).toList());
    }
  }

  // SIGTERM and a generous wait: a notifier killed before Streams closes leaves no checkpoint, and its next start
  // would restore its stores from the changelogs instead of using the local state this benchmark means to time.
  private void stopCleanly(String phase, ServiceProcess notifier) throws Exception {
    ProcessHandle handle = ProcessHandle.of(notifier.pid()).orElseThrow();
    long from = System.nanoTime();
    handle.destroy();
    try {
      handle.onExit().get(2, TimeUnit.MINUTES);
      System.err.printf("[bench] %s: stopped in %.1f s%n", phase, (System.nanoTime() - from) / 1e9);
    } catch (java.util.concurrent.TimeoutException e) {
      rows.add(String.format("| warning: %s: the notifier did not stop within 2 min of SIGTERM; killed | | | |",
          phase));
    }
  }

  /** Waits until the notifier's group has committed every record now on {@code topics}. */
  private void awaitConsumed(List<String> topics) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      Map<TopicPartition, Long> ends = ends(admin, topics);
      long total = ends.values().stream().mapToLong(Long::longValue).sum();
      long deadline = System.nanoTime() + CONSUME_TIMEOUT.toNanos();
      long behind = total;
      int polls = 0;
      while (behind > 0) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the notifier still had " + behind + " of " + total + " records to consume"
              + " after " + CONSUME_TIMEOUT);
        }
        Thread.sleep(1000);
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(APPLICATION_ID).partitionsToOffsetAndMetadata().get();
        behind = ends.entrySet().stream().mapToLong(e -> e.getValue()
            - (committed.get(e.getKey()) == null ? 0 : committed.get(e.getKey()).offset())).sum();
        if (++polls % 15 == 0) {
          System.err.printf("[bench] %d of %d records still to consume%n", behind, total);
        }
      }
    }
  }

  /**
   * Waits until the notifier's readiness shows its Streams client RUNNING (now, not once) and no store restoring, in
   * {@value #STEADY_POLLS} polls in a row.
   */
  private static void awaitSteady(int port) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build();
    long deadline = System.nanoTime() + CONSUME_TIMEOUT.toNanos();
    int steady = 0;
    while (steady < STEADY_POLLS) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the notifier was not RUNNING without restoring within " + CONSUME_TIMEOUT);
      }
      Thread.sleep(1000);
      JsonNode health = JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
      boolean running = false;
      boolean restoring = true;
      for (JsonNode check : health.path("checks")) {
        switch (check.path("name").asText()) {
          case "kafka-streams started" -> running = "RUNNING".equals(check.path("data").path("state").asText());
          case "state restoration" -> restoring = !"UP".equals(check.path("status").asText());
          default -> { }
        }
      }
      steady = running && !restoring ? steady + 1 : 0;
    }
  }

  private static Map<TopicPartition, Long> ends(Admin admin, List<String> topics) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(topics).allTopicNames().get().values().stream()
        .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
    return ends;
  }

  private Path stateDir(String name) throws java.io.IOException {
    Path dir = Files.createTempDirectory("notifier-memory-" + name);
    stateDirs.add(dir);
    return dir;
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static String loadAverage() {
    try {
      return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
