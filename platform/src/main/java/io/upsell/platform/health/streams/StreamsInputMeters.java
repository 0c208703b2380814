package io.upsell.platform.health.streams;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.upsell.schemas.topics.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Records consumed and consumer lag per input topic of a Kafka Streams service, as {@code upsell.records.consumed}
 * and {@code upsell.consumer.lag} tagged with the topic. Quarkus's Micrometer binder does publish the client's Kafka
 * metrics, but it binds the per-topic and per-partition ones only when it rescans, a minute after start-up and after
 * each rebalance, and under the client's own names; these read the same Kafka metrics at each scrape, from the start.
 */
@ApplicationScoped
public class StreamsInputMeters {

  // Static: Micrometer keeps only a weak reference to what a meter reads, and a meter registered again (a test JVM
  // that starts the service twice) keeps reading what it was first given, so that must always be the live client.
  private static final AtomicReference<Supplier<Map<MetricName, ? extends Metric>>> METRICS =
      new AtomicReference<>(Map::of);

  void created(@Observes KafkaStreams streams, Topology topology) {
    METRICS.set(streams::metrics);
    for (String topic : inputTopics(topology.describe())) {
      FunctionCounter.builder("upsell.records.consumed", METRICS,
              m -> sum(m.get().get(), "records-consumed-total", topic)).tag("topic", topic)
          .description("Records the service's consumers took from this topic").register(Metrics.globalRegistry);
      Gauge.builder("upsell.consumer.lag", METRICS, m -> sum(m.get().get(), "records-lag", topic)).tag("topic", topic)
          .description("Records of this topic not yet read by this instance, over its assigned partitions")
          .register(Metrics.globalRegistry);
    }
  }

  /** The catalog topics the topology reads, its global tables' included (internal repartition topics are not). */
  static Set<String> inputTopics(TopologyDescription description) {
    Set<String> topics = new TreeSet<>();
    description.subtopologies().forEach(s -> s.nodes().forEach(node -> {
      if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
        topics.addAll(source.topicSet());
      }
    }));
    description.globalStores().forEach(g -> topics.addAll(g.source().topicSet()));
    topics.removeIf(topic -> Topics.byName(topic).isEmpty());
    return topics;
  }

  // Kafka tags fetch metrics with the topic's dots as underscores; a restore consumer's fetches are not input.
  static double sum(Map<MetricName, ? extends Metric> metrics, String name, String topic) {
    String tag = topic.replace('.', '_');
    double total = 0;
    for (var entry : metrics.entrySet()) {
      MetricName metric = entry.getKey();
      if (metric.name().equals(name) && tag.equals(metric.tags().get("topic"))
          && !metric.tags().getOrDefault("client-id", "").endsWith("restore-consumer")
          && entry.getValue().metricValue() instanceof Number value && !Double.isNaN(value.doubleValue())) {
        total += value.doubleValue();
      }
    }
    return total;
  }
}
