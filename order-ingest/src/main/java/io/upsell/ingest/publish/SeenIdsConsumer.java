package io.upsell.ingest.publish;

import io.upsell.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * How {@link SeenIds} reads {@code ingest.seen-ids}: committed records only, every partition, keys as bytes (they are
 * hashed as UTF-8 anyway) and values skipped — the follower also reads back every marker this instance wrote, so
 * after a burst it has a backlog, and each record should cost as little as can be.
 */
final class SeenIdsConsumer {

  /** Reads no value: the marker's key is all the follower needs (not even the bytes are copied). */
  private static final Deserializer<Void> SKIP_VALUE = new Deserializer<>() {
    @Override
    public Void deserialize(String topic, byte[] data) {
      return null;
    }

    @Override
    public Void deserialize(String topic, Headers headers, ByteBuffer data) {
      return null;
    }
  };

  private SeenIdsConsumer() {}

  /** A consumer assigned every partition of the topic, at its beginning. */
  static KafkaConsumer<byte[], Void> open(String bootstrapServers) {
    KafkaConsumer<byte[], Void> consumer = new KafkaConsumer<>(config(bootstrapServers), new ByteArrayDeserializer(),
        SKIP_VALUE);
    try {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.INGEST_SEEN_IDS.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      if (partitions.isEmpty()) {
        // Not (yet) in the broker's metadata, e.g. just created: assigning nothing would make poll throw
        // IllegalStateException and end the follower, leaving the instance not ready for good.
        throw new KafkaException("no partitions of " + Topics.INGEST_SEEN_IDS.name() + " known yet");
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      return consumer;
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
  }

  /** The end offsets now; under read_committed these are the last stable offsets, past every finished transaction. */
  static Map<TopicPartition, Long> end(KafkaConsumer<byte[], Void> consumer) {
    return consumer.endOffsets(consumer.assignment());
  }

  /** True once the consumer has read up to {@code end} on every partition. */
  static boolean readTo(KafkaConsumer<byte[], Void> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  // Fetches wait for 64 KB or 50 ms: under steady load a fetch per handful of markers cost the follower a third of
  // the service's CPU; the price is up to 50 ms more before another instance's ids are known here.
  private static Map<String, Object> config(String bootstrapServers) {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20_000,
        ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024,
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50,
        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
  }
}
