package io.upsell.notifier.kafka;

import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topic;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Every record the notifier writes goes through this one idempotent producer; callers wait for the ack they need. */
@ApplicationScoped
public class Outbox {

  private final KafkaProducer<String, byte[]> producer;
  private final EventSerdes serdes;
  private final ExecutorService callbacks = Executors.newFixedThreadPool(2, r -> {
    Thread thread = new Thread(r, "outbox-callback");
    thread.setDaemon(true);
    return thread;
  });

  public Outbox(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, EventSerdes serdes) {
    this.serdes = serdes;
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 1),
        new StringSerializer(), new ByteArraySerializer());
  }

  /** Publishes a catalog record; completes when the broker has it. */
  public <V extends SpecificRecord> CompletableFuture<RecordMetadata> publish(Topic<V> topic, String key, V value) {
    return publishRaw(topic, key, serdes.valueSerde(topic).serializer().serialize(topic.name(), value), Map.of());
  }

  /** Publishes already-encoded bytes (a DLQ copy of what arrived) with headers. */
  public CompletableFuture<RecordMetadata> publishRaw(Topic<?> topic, String key, byte[] value,
      Map<String, String> headers) {
    var record = new ProducerRecord<String, byte[]>(topic.name(), key, value);
    headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
    var future = new CompletableFuture<RecordMetadata>();
    producer.send(record, (metadata, error) -> {
      // Never run a caller's continuation on the producer's I/O thread: a send from there would wait for
      // metadata only that thread can fetch.
      callbacks.execute(() -> {
        if (error == null) {
          future.complete(metadata);
        } else {
          future.completeExceptionally(error);
        }
      });
    });
    return future;
  }

  /** Encodes a value as the topic's serde would. */
  public <V extends SpecificRecord> byte[] encode(Topic<V> topic, V value) {
    return serdes.valueSerde(topic).serializer().serialize(topic.name(), value);
  }

  @PreDestroy
  void close() {
    producer.close(Duration.ofSeconds(5));
    callbacks.shutdown();
  }
}
