package io.upsell.bench.ingest;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.upsell.bench.ServiceProperties;
import io.upsell.ingest.IngestConfig;
import io.upsell.ingest.publish.PublisherSettings;
import io.upsell.schemas.topics.Keys;
import java.io.File;
import java.net.URISyntaxException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The raw Kafka producer ceiling, configured as order-ingest publishes: as many transactional producers as the
 * service has lanes, each with a lane's own producer config ({@link PublisherSettings#producerConfig}: acks,
 * idempotence, linger, batch size, compression) and the service's settings as its application.properties declares
 * them, transactions of up to max-group-records records with the lane's rest after each commit, records of our size,
 * keys of the same customers. What it leaves out is what the service adds: HTTP, parsing and one idempotency marker
 * per event. It runs in a JVM of its own (so it shares no JIT, heap or GC with the benchmark) and warms up before it
 * measures; the benchmark starts it once per round, alternating with the service.
 *
 * <p>It runs only after every partition of the topic has acknowledged a write: measured straight after the broker
 * created its topics, a producer met NOT_LEADER_OR_FOLLOWER retry storms that once left a batch stuck until
 * delivery.timeout.ms.
 */
final class ProducerCeiling {

  /** One measured run: records committed per second and each record's send-to-ack latency. */
  record Result(long records, double recordsPerSecond, double p50Millis, double p99Millis) {}

  private static final String RESULT = "ceiling-result ";
  private static final Pattern RESULT_LINE = Pattern.compile(RESULT + "(\\d+) ([\\d.]+) ([\\d.]+) ([\\d.]+)");

  private ProducerCeiling() {}

  /** The settings order-ingest runs with: its config mapping's defaults under its own application.properties. */
  static PublisherSettings serviceSettings(String servers) throws java.io.IOException {
    SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(IngestConfig.class)
        .withConverter(Duration.class, 200, new DurationConverter()) // "3ms", as Quarkus reads it
        .withSources(new PropertiesConfigSource(ServiceProperties.url(IngestConfig.class))).build();
    return PublisherSettings.of(servers, "ingest-ceiling-" + UUID.randomUUID(),
        config.getConfigMapping(IngestConfig.class).kafka());
  }

  /** Waits until every partition's leader acknowledges an acks=all write (the producer retries until then). */
  static void awaitLeaders(String servers, String topic) throws Exception {
    Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
    try (var producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<Future<RecordMetadata>> acks = new ArrayList<>();
      int partitions = producer.partitionsFor(topic).size();
      for (int p = 0; p < partitions; p++) {
        acks.add(producer.send(new ProducerRecord<>(topic, p, null, new byte[1])));
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get(90, TimeUnit.SECONDS);
      }
    }
  }

  /** One run in a JVM of its own: {@code warmUp} unmeasured, then {@code measured}. */
  static Result measure(String servers, String topic, Duration warmUp, Duration measured) throws Exception {
    Path out = Files.createTempFile("producer-ceiling", ".log");
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-cp", classPath(), ProducerCeiling.class.getName(), servers, topic, Long.toString(warmUp.toMillis()),
        Long.toString(measured.toMillis()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    long limit = warmUp.plus(measured).toSeconds() + 90;
    try {
      if (!process.waitFor(limit, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the producer ceiling did not finish in " + limit + " s; see " + out);
      }
    } finally {
      process.destroyForcibly();
    }
    Matcher result = RESULT_LINE.matcher(Files.readString(out));
    if (process.exitValue() != 0 || !result.find()) {
      throw new IllegalStateException("the producer ceiling failed; see " + out);
    }
    Files.delete(out);
    return new Result(Long.parseLong(result.group(1)), Double.parseDouble(result.group(2)),
        Double.parseDouble(result.group(3)), Double.parseDouble(result.group(4)));
  }

  /** Child side: {@code servers topic warmUpMillis measuredMillis}; prints one result line. */
  public static void main(String[] args) throws Exception {
    PublisherSettings settings = serviceSettings(args[0]);
    String topic = args[1];
    long measureFrom = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[2]));
    long end = measureFrom + TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[3]));
    byte[] value = BenchEvents.encoded();
    Timer sendToAck = Timer.builder("ceiling.send-to-ack").publishPercentiles(0.5, 0.99)
        .distributionStatisticExpiry(Duration.ofHours(1)).register(new SimpleMeterRegistry());
    // Each lane's rate over its own measured transactions, summed: a window shared by the lanes would count the
    // time a lane spent finishing its last unmeasured transaction (a second or more on a loaded machine).
    double[] lanesRate = new double[settings.transactions()];
    long[] lanesRecords = new long[settings.transactions()];
    List<Thread> lanes = new ArrayList<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int lane = 0; lane < settings.transactions(); lane++) {
      String transactionalId = settings.transactionalId() + "-" + lane;
      int index = lane;
      Thread thread = new Thread(() -> {
        try {
          long[] measured = lane(settings, transactionalId, topic, value, index * 1_000_000L, measureFrom, end,
              sendToAck);
          lanesRecords[index] = measured[0];
          lanesRate[index] = measured[0] / (measured[1] / 1e9);
        } catch (Throwable e) {
          failures.add(e);
        }
      }, "ceiling-lane-" + lane);
      lanes.add(thread);
      thread.start();
    }
    for (Thread thread : lanes) {
      thread.join();
    }
    if (!failures.isEmpty()) {
      failures.get(0).printStackTrace();
      System.exit(1);
    }
    var percentiles = sendToAck.takeSnapshot().percentileValues(); // 0.5, then 0.99
    System.out.printf("%s%d %.1f %.3f %.3f%n", RESULT, java.util.Arrays.stream(lanesRecords).sum(),
        java.util.Arrays.stream(lanesRate).sum(), percentiles[0].value(TimeUnit.MILLISECONDS),
        percentiles[1].value(TimeUnit.MILLISECONDS));
  }

  /**
   * A lane's loop: transactions of max-group-records records, each committed, then the lane's rest. Returns the
   * records of its measured transactions (begun after the warm-up) and the nanoseconds from the first one's begin to
   * the last one's commit. As a lane does, it retries initTransactions and a commit that timed out; a transaction that
   * failed otherwise is aborted and not counted.
   */
  private static long[] lane(PublisherSettings settings, String transactionalId, String topic, byte[] value, long first,
      long measureFrom, long end, Timer sendToAck) throws InterruptedException {
    try (var producer = new KafkaProducer<>(settings.producerConfig(transactionalId), new StringSerializer(),
        new ByteArraySerializer())) {
      retryingTimeouts(producer::initTransactions, Duration.ofSeconds(60));
      long n = first;
      long records = 0;
      long firstBegun = -1;
      long lastCommitted = -1;
      for (long begun = System.nanoTime(); begun < end; begun = System.nanoTime()) {
        boolean measured = begun >= measureFrom;
        try {
          producer.beginTransaction();
          for (int i = 0; i < settings.maxGroupRecords(); i++, n++) {
            long sent = System.nanoTime();
            // Every 16th record's latency: the callback runs on the producer's I/O thread, which it must not slow.
            producer.send(new ProducerRecord<>(topic, null, System.currentTimeMillis(),
                Keys.customer("shop-a", "c-" + (n % 10_000)), value), !measured || n % 16 != 0 ? null
                : (metadata, error) -> {
                  if (error == null) {
                    sendToAck.record(System.nanoTime() - sent, TimeUnit.NANOSECONDS);
                  }
                });
          }
          retryingTimeouts(producer::commitTransaction, Duration.ofSeconds(30));
        } catch (org.apache.kafka.common.KafkaException e) {
          System.err.println("ceiling transaction failed, aborted: " + e);
          producer.abortTransaction();
          continue;
        }
        if (measured) {
          firstBegun = firstBegun < 0 ? begun : firstBegun;
          lastCommitted = System.nanoTime();
          records += settings.maxGroupRecords();
        }
        Thread.sleep(settings.restAfterCommit().toMillis());
      }
      if (records == 0) {
        throw new IllegalStateException("lane " + transactionalId + " committed no measured transaction");
      }
      return new long[] {records, lastCommitted - firstBegun};
    }
  }

  /** Calls {@code call} again while it times out, up to {@code limit}, as a lane does (Kafka documents it as safe). */
  private static void retryingTimeouts(Runnable call, Duration limit) {
    long by = System.nanoTime() + limit.toNanos();
    while (true) {
      try {
        call.run();
        return;
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        if (System.nanoTime() > by) {
          throw e;
        }
      }
    }
  }

  /** The class path this benchmark runs with (under exec:java a URLClassLoader's, else java.class.path). */
  static String classPath() throws URISyntaxException {
    if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader) {
      List<String> entries = new ArrayList<>();
      for (var url : loader.getURLs()) {
        entries.add(Path.of(url.toURI()).toString());
      }
      return String.join(File.pathSeparator, entries);
    }
    return System.getProperty("java.class.path");
  }
}
