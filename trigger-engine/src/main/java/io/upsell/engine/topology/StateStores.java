package io.upsell.engine.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Every store of the engine is RocksDB with a changelog (and a write cache): nothing that must survive a restart lives
 * only in memory. A backtest's stores are RocksDB too, off the heap under the JVM's RocksDB bound (a replay runs in
 * the live engine's JVM), but without a changelog and never flushed ({@link ReplayStore}): a replay is thrown away
 * on failure and run again.
 */
public final class StateStores {

  private StateStores() {}

  /** Adds a key-value store named {@code name} to the topology. */
  public static <V> String add(Sources sources, String name, Serde<V> values) {
    // The record cache folds repeated writes of a key between commits into one changelog record.
    sources.builder().addStateStore(builder(sources, name, values).withCachingEnabled());
    return name;
  }

  /**
   * The same without the record cache, for a store of many small keys seldom written twice between commits: each
   * write goes straight to RocksDB and the changelog instead of through the cache's index, dirty set and evictions.
   */
  public static <V> String addUncached(Sources sources, String name, Serde<V> values) {
    sources.builder().addStateStore(builder(sources, name, values));
    return name;
  }

  private static <V> StoreBuilder<KeyValueStore<String, V>> builder(Sources sources, String name, Serde<V> values) {
    StoreBuilder<KeyValueStore<String, V>> store = Stores.keyValueStoreBuilder(supplier(sources, name),
        Serdes.String(), values);
    return sources.backtest() ? store.withLoggingDisabled() : store;
  }

  /** RocksDB for a store named {@code name}; a backtest's is never flushed. */
  static KeyValueBytesStoreSupplier supplier(Sources sources, String name) {
    return sources.backtest() ? ReplayStore.supplier(name) : Stores.persistentKeyValueStore(name);
  }
}
