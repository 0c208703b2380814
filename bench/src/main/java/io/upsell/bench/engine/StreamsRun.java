package io.upsell.bench.engine;

import io.upsell.bench.ProcessCpu;
import io.upsell.bench.ServiceProperties;
import io.upsell.engine.backtest.Backtests;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/** Runs one exactly-once Streams app over the bench input until its group has consumed all of it, and times it. */
final class StreamsRun {

  private StreamsRun() {}

  /**
   * Exactly-once, one thread, and the service's own commit interval, record cache and memory bounds (RocksDB,
   * fetch size; from its application.properties), so the engine runs as shipped and the ceilings run under the same settings.
   */
  static Properties props(String bootstrap, String applicationId) throws java.io.IOException {
    Properties props = new Properties();
    Properties service = ServiceProperties.load(Backtests.class);
    List<String> keys = new java.util.ArrayList<>(Backtests.MEMORY_SETTINGS);
    keys.add(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
    for (String key : keys) {
      props.put(key, service.getProperty("kafka-streams." + key));
    }
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("bench-" + applicationId).toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    return props;
  }

  /**
   * Wall-clock seconds of a run, and the CPU seconds the whole benchmark JVM used meanwhile ({@link ProcessCpu}: every
   * thread, RocksDB's native ones and the in-process broker's included; the runs take turns, so nothing else runs).
   */
  record Run(double seconds, double cpuSeconds) {

    /** The mean of two runs of the same app over the same input. */
    static Run mean(Run a, Run b) {
      return new Run((a.seconds + b.seconds) / 2, (a.cpuSeconds + b.cpuSeconds) / 2);
    }
  }

  /** Seconds from start until every input record is committed and internal topics have no lag. */
  static Run time(Admin admin, Topology topology, Properties props, Set<String> inputs) throws Exception {
    String group = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    Map<TopicPartition, Long> end = inputEnds(admin, inputs);
    try (KafkaStreams streams = new KafkaStreams(topology, props)) {
      long started = System.nanoTime();
      double cpuBefore = ProcessCpu.ofThisProcess();
      // The bench has no log configuration: a failed run must still say why in the report's error tail.
      streams.setUncaughtExceptionHandler(e -> {
        System.err.println("[bench] " + props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + " stream thread died:");
        e.printStackTrace();
        return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
            .SHUTDOWN_CLIENT;
      });
      streams.start();
      Map<String, Double> ratios = new java.util.TreeMap<>();
      while (true) {
        Thread.sleep(100);
        threadRatios(streams).forEach((name, value) -> ratios.merge(name, value.isNaN() ? 0 : value, Double::sum));
        if (consumed(admin, group, end)) {
          double seconds = (System.nanoTime() - started) / 1e9;
          double samples = ratios.values().stream().mapToDouble(Double::doubleValue).sum();
          System.err.println("[bench] " + group + " stream thread time: " + ratios.entrySet().stream()
              .map(e -> String.format("%s %.0f%%", e.getKey(), 100 * e.getValue() / samples))
              .collect(Collectors.joining(", ")));
          return new Run(seconds, ProcessCpu.ofThisProcess() - cpuBefore);
        }
        if (streams.state() == KafkaStreams.State.ERROR) {
          throw new IllegalStateException(group + " failed");
        }
      }
    }
  }

  /** Where the input topics end now. */
  static Map<TopicPartition, Long> inputEnds(Admin admin, Set<String> inputs) throws Exception {
    return latest(admin, admin.describeTopics(inputs).allTopicNames().get().values().stream()
        .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
        .collect(Collectors.toSet()));
  }

  /** Whether {@code group} has committed every input record up to {@code end} and has no lag on its own topics. */
  static boolean consumed(Admin admin, String group, Map<TopicPartition, Long> end) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    boolean inputDone = end.entrySet().stream().allMatch(e -> e.getValue() == 0
        || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
    Set<TopicPartition> internal = committed.keySet().stream().filter(tp -> tp.topic().startsWith(group + "-"))
        .collect(Collectors.toSet());
    Map<TopicPartition, Long> internalEnd = latest(admin, internal);
    return inputDone && internal.stream().allMatch(tp -> committed.get(tp).offset() >= internalEnd.get(tp));
  }

  // Where the stream thread spent its time (Streams' own thread-level ratios), to tell waiting from working.
  static Map<String, Double> threadRatios(KafkaStreams streams) {
    return streams.metrics().values().stream()
        .filter(m -> m.metricName().group().equals("stream-thread-metrics") && m.metricName().name().endsWith("-ratio"))
        .collect(Collectors.toMap(m -> m.metricName().name().replace("-ratio", ""),
            m -> ((Number) m.metricValue()).doubleValue(), Double::sum));
  }

  static Map<TopicPartition, Long> latest(Admin admin, Set<TopicPartition> partitions) throws Exception {
    Map<TopicPartition, Long> out = new HashMap<>();
    if (partitions.isEmpty()) {
      return out;
    }
    admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get()
        .forEach((tp, info) -> out.put(tp, info.offset()));
    return out;
  }

  static List<String> names(List<io.upsell.schemas.topics.Topic<?>> topics) {
    return topics.stream().map(io.upsell.schemas.topics.Topic::name).toList();
  }
}
