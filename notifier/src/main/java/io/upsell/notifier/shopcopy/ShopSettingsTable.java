package io.upsell.notifier.shopcopy;

import io.upsell.notifier.kafka.Outbox;
import io.upsell.notifier.kafka.TopicReader;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topic;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Shops' own settings (templates, brands) from a compacted topic, held in a small map on every instance. Acceptable
 * while they are shop-wide and few (a handful per shop); a write goes to the topic first and into this instance's
 * map once the broker has it, so the next message here uses it at once and other instances within their next poll.
 * Partitioned Kafka Streams state is to replace whole-topic readers; this one then becomes a global table.
 */
final class ShopSettingsTable<V extends SpecificRecord> implements AutoCloseable {

  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

  private final Map<String, V> values = new ConcurrentHashMap<>();
  private final Topic<V> topic;
  private final Outbox outbox;
  private final BiConsumer<String, V> onChange;
  private final TopicReader<V> reader;

  /** @param onChange told of every key read or written, with its value or null once removed */
  ShopSettingsTable(String servers, EventSerdes serdes, Topic<V> topic, Outbox outbox, BiConsumer<String, V> onChange) {
    this.topic = topic;
    this.outbox = outbox;
    this.onChange = onChange;
    this.reader = new TopicReader<>(servers, serdes, topic, r -> apply(r.key(), r.value())).start();
  }

  Optional<V> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** Writes {@code value} (null removes the key); returns once the broker has it and this instance uses it. */
  void put(String key, V value) {
    try {
      if (value == null) {
        outbox.publishRaw(topic, key, null, Map.of()).get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } else {
        outbox.publish(topic, key, value).get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException("could not store " + topic.name() + " " + key, e);
    }
    apply(key, value);
  }

  void awaitLoaded(Duration timeout) {
    reader.awaitCaughtUp(timeout);
  }

  private void apply(String key, V value) {
    if (value == null) {
      values.remove(key);
    } else {
      values.put(key, value);
    }
    onChange.accept(key, value);
  }

  @Override
  public void close() {
    reader.close();
  }
}
