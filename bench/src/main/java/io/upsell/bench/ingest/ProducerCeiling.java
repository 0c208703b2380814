package io.upsell.bench.ingest;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The raw Kafka producer ceiling is what {@code kafka-producer-perf-test} reports: Kafka's own
 * {@code org.apache.kafka.tools.ProducerPerformance}, run in a JVM of its own (as the script runs it, so it does not
 * share a JIT, heap or GC with the in-process broker), records of our size, acks=all, idempotent, throttling off.
 * It runs only after every partition of the topic has acknowledged a write: measured straight after the broker
 * created its topics, the producer met NOT_LEADER_OR_FOLLOWER retry storms that once left a batch stuck until
 * delivery.timeout.ms (the "517 records/s" stall). A first run warms the broker and sizes the measured run to
 * about {@link #MEASURED}.
 */
final class ProducerCeiling {

  /** What one perf-test run printed last: throughput and its send-to-ack latencies. */
  record Result(long records, double recordsPerSecond, double avgMillis, long p50Millis, long p99Millis) {}

  private static final Duration MEASURED = Duration.ofSeconds(12);
  private static final long WARM_UP_RECORDS = 300_000;
  private static final Pattern TOTAL = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec .*?, "
      + "([\\d.]+) ms avg latency, [\\d.]+ ms max latency, (\\d+) ms 50th, \\d+ ms 95th, (\\d+) ms 99th");

  private ProducerCeiling() {}

  static Result measure(String servers, String topic, int recordBytes) throws Exception {
    awaitLeaders(servers, topic);
    Result warmUp = perfTest(servers, topic, recordBytes, WARM_UP_RECORDS);
    System.err.printf("ceiling warm-up: %,.0f records/s%n", warmUp.recordsPerSecond());
    long records = Math.max(WARM_UP_RECORDS, Math.min(20_000_000,
        (long) (warmUp.recordsPerSecond() * MEASURED.toSeconds())));
    return perfTest(servers, topic, recordBytes, records);
  }

  /** Waits until every partition's leader acknowledges an acks=all write (the producer retries until then). */
  private static void awaitLeaders(String servers, String topic) throws Exception {
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

  private static Result perfTest(String servers, String topic, int recordBytes, long records) throws Exception {
    Path out = Files.createTempFile("producer-perf", ".log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp", classPath(),
        "org.apache.kafka.tools.ProducerPerformance", "--topic", topic, "--num-records", Long.toString(records),
        "--record-size", Integer.toString(recordBytes), "--throughput", "-1", "--producer-props",
        "bootstrap.servers=" + servers, "acks=all", "enable.idempotence=true"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      if (!process.waitFor(150, TimeUnit.SECONDS)) {
        throw new IllegalStateException("kafka-producer-perf-test did not finish in 150 s; see " + out);
      }
    } finally {
      process.destroyForcibly();
    }
    Matcher total = TOTAL.matcher(Files.readString(out));
    if (process.exitValue() != 0 || !total.find()) {
      throw new IllegalStateException("kafka-producer-perf-test failed; see " + out);
    }
    Files.delete(out);
    return new Result(Long.parseLong(total.group(1)), Double.parseDouble(total.group(2)),
        Double.parseDouble(total.group(3)), Long.parseLong(total.group(4)), Long.parseLong(total.group(5)));
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
