package io.upsell.engine.testing;

import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topic;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes many records to catalog topics with one producer and the production serdes; close() waits for acks. */
public final class BulkProducer implements AutoCloseable {

  private final EventSerdes serdes = EventSerdes.singleObject();
  private final KafkaProducer<String, byte[]> producer;

  public BulkProducer(String bootstrapServers) {
    producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new StringSerializer(), new ByteArraySerializer());
  }

  public <V extends SpecificRecord> void send(Topic<V> topic, String key, V value, long timestamp) {
    byte[] bytes = serdes.valueSerde(topic).serializer().serialize(topic.name(), value);
    producer.send(new ProducerRecord<>(topic.name(), null, timestamp, key, bytes));
  }

  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }
}
