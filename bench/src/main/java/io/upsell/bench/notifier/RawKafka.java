package io.upsell.bench.notifier;

import io.upsell.notifier.support.BulkRecords;
import io.upsell.notifier.support.Fixtures;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The raw Kafka ceiling on this machine: trigger-sized records produced and consumed with plain clients, on
 * notify.dlq (no service reads it here), as throughput and as end-to-end latency at 100 records/s.
 */
final class RawKafka {

  record Figures(double recordsPerSecond, double p50Millis, double p99Millis) {}

  private RawKafka() {}

  static Figures measure(String bootstrap, BulkRecords bulk) throws Exception {
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50), new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.NOTIFY_DLQ.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      int n = 20_000;
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        bulk.send(Topics.NOTIFY_DLQ, "bench:c-" + (i % 500), trigger(i));
      }
      bulk.flush();
      int seen = 0;
      while (seen < n && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60)) {
        seen += consumer.poll(Duration.ofMillis(100)).count();
      }
      double throughput = seen / ((System.nanoTime() - start) / 1e9);
      System.err.printf("[bench] raw Kafka: %d records, %.0f records/s%n", seen, throughput);
      List<Long> latencies = latency(consumer, bulk);
      return new Figures(throughput, percentile(latencies, 50), percentile(latencies, 99));
    }
  }

  /** Records written every 10 ms, each stamped with its send time in the key, timed on arrival. */
  private static List<Long> latency(KafkaConsumer<String, byte[]> consumer, BulkRecords bulk) throws Exception {
    List<Long> latencies = new ArrayList<>();
    long next = System.nanoTime();
    for (int i = 0; i < 500; i++) {
      bulk.send(Topics.NOTIFY_DLQ, Long.toString(System.nanoTime()), trigger(i));
      next += TimeUnit.MILLISECONDS.toNanos(10);
      while (System.nanoTime() < next) {
        consumer.poll(Duration.ofMillis(1)).forEach(r -> latencies.add(System.nanoTime() - Long.parseLong(r.key())));
      }
    }
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (latencies.size() < 500 && System.nanoTime() < until) {
      consumer.poll(Duration.ofMillis(10)).forEach(r -> latencies.add(System.nanoTime() - Long.parseLong(r.key())));
    }
    System.err.printf("[bench] raw Kafka latency: %d of 500 records timed%n", latencies.size());
    return latencies;
  }

  private static UpsellTrigger trigger(int i) {
    return Fixtures.trigger("bench", "c-" + i, TriggerType.CART_ABANDONED, List.of("p-1", "p-2"), ChannelHint.ANY);
  }

  static double percentile(List<Long> nanos, int p) {
    if (nanos.isEmpty()) {
      return Double.NaN;
    }
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
    return sorted.get(Math.max(0, index)) / 1e6;
  }
}
