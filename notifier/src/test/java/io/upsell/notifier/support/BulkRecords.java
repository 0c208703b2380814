package io.upsell.notifier.support;

import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topic;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One long-lived producer for tests and benchmarks that write many records. Not idempotent, one request in flight
 * (so order holds): on a starved machine the idempotent producer was seen to restart a partition's sequence at 0
 * and retry OUT_OF_ORDER_SEQUENCE_NUMBER forever; a rare duplicate from a retry is what the notifier's ledger is for.
 */
public final class BulkRecords implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;
  private final EventSerdes serdes = EventSerdes.singleObject();

  public BulkRecords(String bootstrap) {
    producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0,
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
        new StringSerializer(), new ByteArraySerializer());
  }

  public <V extends SpecificRecord> Future<RecordMetadata> send(Topic<V> topic, String key, V value) {
    byte[] bytes = serdes.valueSerde(topic).serializer().serialize(topic.name(), value);
    return producer.send(new ProducerRecord<>(topic.name(), key, bytes));
  }

  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }
}
