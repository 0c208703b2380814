package io.upsell.testkit;

import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;

/** Writes and reads catalog topics on the test broker with the production serdes. */
public final class TopicRecords {

  /** How long a reader may take to reach the end offsets it captured before the test fails. */
  private static final Duration READ_TO_END = Duration.ofSeconds(60);

  private final TestBroker broker;
  private final EventSerdes serdes;

  public TopicRecords(TestBroker broker, EventSerdes serdes) {
    this.broker = broker;
    this.serdes = serdes;
  }

  /** Sends one record, with {@code timestampMillis} as record time, and waits for the broker's ack. */
  public <V extends SpecificRecord> void send(Topic<V> topic, String key, V value, long timestampMillis) {
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all");
    try (var producer = new KafkaProducer<>(config, serdes.keySerde().serializer(),
        serdes.valueSerde(topic).serializer())) {
      producer.send(new ProducerRecord<>(topic.name(), null, timestampMillis, key, value)).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("send to " + topic + " failed", e);
    }
  }

  /**
   * Reads {@code topic} from the beginning (committed records only) until {@code count} records matching
   * {@code filter} arrived or {@code timeout} passed; returns the matching records seen.
   */
  public <V extends SpecificRecord> List<ConsumerRecord<String, V>> await(
      Topic<V> topic, Predicate<ConsumerRecord<String, V>> filter, int count, Duration timeout) {
    List<ConsumerRecord<String, V>> seen = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (var consumer = new KafkaConsumer<>(consumerConfig(), serdes.keySerde().deserializer(),
        serdes.valueSerde(topic).deserializer())) {
      consumer.subscribe(List.of(topic.name()));
      while (seen.size() < count && System.nanoTime() < deadline) {
        poll(consumer).forEach(r -> {
          if (filter.test(r)) {
            seen.add(r);
          }
        });
      }
    }
    return seen;
  }

  /**
   * Every record of {@code topic} matching {@code filter}: read from the beginning at least to the end offsets the
   * topic had when called, then until it is quiet for {@code quiet}. Reading to those offsets first is what makes an
   * empty answer mean "nothing was written": a reader that had not yet been given its partitions would see nothing
   * either.
   */
  public <V extends SpecificRecord> List<ConsumerRecord<String, V>> readAll(
      Topic<V> topic, Predicate<ConsumerRecord<String, V>> filter, Duration quiet) {
    List<ConsumerRecord<String, V>> seen = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(consumerConfig(), serdes.keySerde().deserializer(),
        serdes.valueSerde(topic).deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), READ_TO_END).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TO_END);
      long deadline = System.nanoTime() + READ_TO_END.toNanos();
      long quietSince = System.nanoTime();
      while (!readTo(consumer, end) || System.nanoTime() - quietSince < quiet.toNanos()) {
        if (System.nanoTime() > deadline && !readTo(consumer, end)) {
          throw new AssertionError("could not read " + topic.name() + " to its end offsets " + end + " in "
              + READ_TO_END);
        }
        var records = poll(consumer);
        if (records.iterator().hasNext()) {
          quietSince = System.nanoTime();
        }
        records.forEach(r -> {
          if (filter.test(r)) {
            seen.add(r);
          }
        });
      }
    }
    return seen;
  }

  private static boolean readTo(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  // Other tests put poison records on shared topics on purpose; a reader steps over them like a dead-letter handler.
  private static <V> Iterable<ConsumerRecord<String, V>> poll(KafkaConsumer<String, V> consumer) {
    try {
      return consumer.poll(Duration.ofMillis(200));
    } catch (RecordDeserializationException e) {
      consumer.seek(e.topicPartition(), e.offset() + 1);
      return List.of();
    }
  }

  private Map<String, Object> consumerConfig() {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
  }
}
