package io.upsell.engine.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** Every store is RocksDB with a changelog (and a write cache): nothing that must survive a restart lives only in memory. */
public final class StateStores {

  private StateStores() {}

  /** Adds a persistent, logged key-value store named {@code name} to the topology. */
  public static <V> String add(StreamsBuilder builder, String name, Serde<V> values) {
    StoreBuilder<KeyValueStore<String, V>> store =
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
            // The record cache folds repeated writes of a key between commits into one changelog record.
            .withCachingEnabled();
    builder.addStateStore(store);
    return name;
  }

  /**
   * The same without the record cache, for a store of many small keys seldom written twice between commits: each
   * write goes straight to RocksDB and the changelog instead of through the cache's index, dirty set and evictions.
   */
  public static <V> String addUncached(StreamsBuilder builder, String name, Serde<V> values) {
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values));
    return name;
  }
}
