package io.upsell.engine.backtest;

import io.upsell.engine.topology.Scope;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * A shop's records as they stood when the backtest began, read without a consumer group (nothing is left on the
 * broker) and handed on as they are read, never collected: its raw events inside the range, merged in time order
 * ({@link MergedHistory}), and the shop's rules and catalog.
 */
final class RangeHistory {

  private final Map<String, Object> consumerSettings;

  /** {@code settings}: consumer settings besides the bootstrap servers (fetch bounds). */
  RangeHistory(String bootstrapServers, Map<String, Object> settings) {
    Map<String, Object> config = new HashMap<>(settings);
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    this.consumerSettings = Map.copyOf(config);
  }

  /** The shop's records of the topology's raw inputs inside the scope's range, merged in time order. */
  MergedHistory events(Topology topology, Scope scope) {
    return new MergedHistory(consumerSettings, rawInputs(topology), scope.fromMillis(),
        r -> scope.admits(key(r), r.timestamp()));
  }

  /**
   * Hands each of the shop's records of the rules and catalog topics (read whole by the engine as global tables) to
   * {@code sink}, each key's in the order written.
   */
  void shopData(String shopId, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
    try (MergedHistory all = new MergedHistory(consumerSettings,
        List.of(Topics.UPSELL_RULES.name(), Topics.CATALOG_PRODUCTS.name()), 0L,
        r -> r.key() != null && shopId.equals(Keys.shopOf(key(r))))) {
      for (var r = all.next(); r != null; r = all.next()) {
        sink.accept(r);
      }
    }
  }

  private static String key(ConsumerRecord<byte[], byte[]> record) {
    return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
  }

  /** Contract topics the topology subscribes to (its global tables excepted), sorted. */
  static List<String> rawInputs(Topology topology) {
    Set<String> topics = new TreeSet<>();
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
