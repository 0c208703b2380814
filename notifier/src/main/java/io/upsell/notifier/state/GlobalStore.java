package io.upsell.notifier.state;

import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads one global table of the notifier's Streams client from any thread. The client is looked up on first use:
 * it is built from the topology, whose processors need the classes that read these tables.
 */
public final class GlobalStore<V> {

  private static final Duration POLL = Duration.ofMillis(25);

  private final Instance<KafkaStreams> streams;
  private final String name;
  private volatile ReadOnlyKeyValueStore<String, V> store;

  public GlobalStore(Instance<KafkaStreams> streams, String name) {
    this.streams = streams;
    this.name = name;
  }

  /** The value; empty when unknown or while the client is not running yet. */
  public Optional<V> get(String key) {
    try {
      return Optional.ofNullable(store().get(key));
    } catch (InvalidStateStoreException e) {
      return Optional.empty();
    }
  }

  /**
   * The value, waiting up to {@code patience} when it is unknown: a record written just before the trigger that
   * needs it may still be on its way through the global thread.
   */
  public Optional<V> getWaiting(String key, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    Optional<V> found = get(key);
    while (found.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
      found = get(key);
    }
    return found;
  }

  /** Every value whose key starts with {@code prefix}; empty while the client is not running yet. */
  public List<V> withPrefix(String prefix) {
    List<V> values = new ArrayList<>();
    try (var found = store().prefixScan(prefix, new StringSerializer())) {
      found.forEachRemaining(kv -> values.add(kv.value));
    } catch (InvalidStateStoreException e) {
      return List.of();
    }
    return values;
  }

  private ReadOnlyKeyValueStore<String, V> store() {
    if (store == null) {
      store = streams.get().store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
    }
    return store;
  }
}
