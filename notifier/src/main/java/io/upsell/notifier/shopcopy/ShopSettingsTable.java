package io.upsell.notifier.shopcopy;

import io.upsell.notifier.kafka.Outbox;
import io.upsell.notifier.state.GlobalStore;
import io.upsell.schemas.topics.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;

/**
 * Shops' own settings (templates, brands): a compacted topic read as a global table of the notifier's Streams
 * client. A write goes to the topic first and returns once this instance's table has it, so the next message here
 * uses it at once; other instances have it as soon as their global thread reads it.
 */
final class ShopSettingsTable<V extends SpecificRecord> {

  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

  private final Topic<V> topic;
  private final Outbox outbox;
  private final GlobalStore<V> store;

  ShopSettingsTable(Topic<V> topic, Outbox outbox, GlobalStore<V> store) {
    this.topic = topic;
    this.outbox = outbox;
    this.store = store;
  }

  Optional<V> get(String key) {
    return store.get(key);
  }

  List<V> withPrefix(String prefix) {
    return store.withPrefix(prefix);
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
    long deadline = System.nanoTime() + WRITE_TIMEOUT.toNanos();
    while (!Objects.equals(store.get(key).orElse(null), value) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
