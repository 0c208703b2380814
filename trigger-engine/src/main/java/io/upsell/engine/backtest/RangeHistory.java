package io.upsell.engine.backtest;

import io.upsell.engine.topology.Scope;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * A shop's records as they stood when the backtest began, read without a consumer group (nothing is left on the
 * broker): its raw events inside the range in time order — (timestamp, topic, partition, offset), the same order
 * every time — and the shop's rules and catalog in the order they were written.
 */
final class RangeHistory {

  /** Orders the replay: time first; topic, partition and offset only break ties, always the same way. */
  static final Comparator<ConsumerRecord<byte[], byte[]>> TIME_ORDER =
      Comparator.<ConsumerRecord<byte[], byte[]>>comparingLong(ConsumerRecord::timestamp)
          .thenComparing(ConsumerRecord::topic).thenComparingInt(ConsumerRecord::partition)
          .thenComparingLong(ConsumerRecord::offset);

  private static final Duration POLL = Duration.ofMillis(500);

  private final String bootstrapServers;

  RangeHistory(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** The shop's records of the topology's raw inputs inside the scope's range, in time order. */
  List<ConsumerRecord<byte[], byte[]>> events(Topology topology, Scope scope) {
    List<ConsumerRecord<byte[], byte[]>> events = read(rawInputs(topology),
        r -> scope.admits(key(r), r.timestamp()));
    events.sort(TIME_ORDER);
    return events;
  }

  /** The shop's records of the rules and catalog topics (read whole by the engine as global tables). */
  List<ConsumerRecord<byte[], byte[]>> shopData(String shopId) {
    return read(List.of(Topics.UPSELL_RULES.name(), Topics.CATALOG_PRODUCTS.name()),
        r -> r.key() != null && shopId.equals(Keys.shopOf(key(r))));
  }

  private List<ConsumerRecord<byte[], byte[]>> read(Collection<String> topics,
      java.util.function.Predicate<ConsumerRecord<byte[], byte[]>> keep) {
    List<ConsumerRecord<byte[], byte[]>> kept = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      topics.forEach(topic -> consumer.partitionsFor(topic)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Set<TopicPartition> open = new HashSet<>(partitions);
      open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
      while (!open.isEmpty()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition())) && keep.test(r)) {
            kept.add(r);
          }
        }
        open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
      }
    }
    return kept;
  }

  private static String key(ConsumerRecord<byte[], byte[]> record) {
    return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
  }

  /** Contract topics the topology subscribes to (its global tables excepted), sorted. */
  static List<String> rawInputs(Topology topology) {
    Set<String> topics = new java.util.TreeSet<>();
    for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
          source.topicSet().stream().filter(t -> Topics.byName(t).isPresent()).forEach(topics::add);
        }
      }
    }
    return List.copyOf(topics);
  }
}
