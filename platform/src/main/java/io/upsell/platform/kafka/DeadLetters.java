package io.upsell.platform.kafka;

import io.upsell.schemas.ops.DeadLetter;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Keeps input records a service cannot read in {@code upsell.dead-letters}, with their origin and the reason, so
 * one bad record never stops a consumer and is never silently lost. Each write waits for the broker's ack.
 */
public final class DeadLetters implements AutoCloseable {

  private final KafkaProducer<String, DeadLetter> producer;
  private final String application;

  public DeadLetters(String bootstrapServers, String application) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, application + "-dead-letters");
    EventSerdes serdes = EventSerdes.singleObject();
    this.producer = new KafkaProducer<>(config, serdes.keySerde().serializer(),
        serdes.valueSerde(Topics.DEAD_LETTERS).serializer());
    this.application = application;
  }

  /** Writes one unreadable record and waits (bounded) for the ack; false when it could not be kept. */
  public boolean keep(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
      Exception error) {
    DeadLetter letter = DeadLetter.newBuilder()
        .setApplication(application)
        .setSourceTopic(topic)
        .setSourcePartition(partition)
        .setSourceOffset(offset)
        .setSourceTimestamp(Instant.ofEpochMilli(Math.max(0, timestamp)))
        .setKey(key == null ? null : ByteBuffer.wrap(key))
        .setValue(value == null ? null : ByteBuffer.wrap(value))
        .setError(String.valueOf(error.getMessage()))
        .setFailedAt(Instant.now())
        .build();
    String recordKey = key == null ? null : new String(key, StandardCharsets.UTF_8);
    try {
      producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), recordKey, letter)).get(30, TimeUnit.SECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
