package io.upsell.testkit;

import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topic;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes many catalog records fast with the production serdes, and fails loudly if any of them was not
 * acknowledged: {@link #flush()} and {@link #close()} throw when a send failed, so a test or benchmark never runs on
 * input that silently lost records. One request in flight keeps each key's records in order; the idempotent
 * producer is off because on a freshly started in-process broker it can stall on OUT_OF_ORDER_SEQUENCE after an
 * early NOT_LEADER answer.
 */
public final class BulkProducer implements AutoCloseable {

  private final EventSerdes serdes = EventSerdes.singleObject();
  private final KafkaProducer<String, byte[]> producer;
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
  private final AtomicLong acknowledged = new AtomicLong();

  public BulkProducer(String bootstrapServers) {
    producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new StringSerializer(), new ByteArraySerializer());
  }

  public <V extends SpecificRecord> void send(Topic<V> topic, String key, V value, long timestampMillis) {
    byte[] bytes = serdes.valueSerde(topic).serializer().serialize(topic.name(), value);
    producer.send(new ProducerRecord<>(topic.name(), null, timestampMillis, key, bytes), (metadata, error) -> {
      if (error != null) {
        firstFailure.compareAndSet(null, error);
      } else {
        acknowledged.incrementAndGet();
      }
    });
  }

  /** Waits until every record sent so far is acknowledged; throws if any was refused. */
  public void flush() {
    producer.flush();
    Exception failure = firstFailure.get();
    if (failure != null) {
      throw new IllegalStateException("records could not be written to Kafka", failure);
    }
  }

  /** Records the broker acknowledged so far. */
  public long acknowledged() {
    return acknowledged.get();
  }

  @Override
  public void close() {
    try {
      flush();
    } finally {
      producer.close();
    }
  }
}
