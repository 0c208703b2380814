package io.upsell.engine.topology;

import java.util.List;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * A backtest's store: the engine's own RocksDB store (off the heap, under the JVM's RocksDB bound, on disk beyond it)
 * that does nothing when its task commits. The replay's driver commits after every record: a RocksDB flush would
 * write the memtable out as a new file, and the store's position checkpoint would write and fsync a file, each time
 * (a replay of a month took minutes). A replay's state need not survive anything (a failed job is run again), so
 * RocksDB writes files only when its bounded memtables fill, as it would on its own.
 */
final class ReplayStore implements KeyValueStore<Bytes, byte[]> {

  private final KeyValueStore<Bytes, byte[]> rocks;

  private ReplayStore(KeyValueStore<Bytes, byte[]> rocks) {
    this.rocks = rocks;
  }

  /** A supplier of RocksDB stores named {@code name} that are never flushed. */
  static KeyValueBytesStoreSupplier supplier(String name) {
    KeyValueBytesStoreSupplier persistent = Stores.persistentKeyValueStore(name);
    return new KeyValueBytesStoreSupplier() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public KeyValueStore<Bytes, byte[]> get() {
        return new ReplayStore(persistent.get());
      }

      @Override
      public String metricsScope() {
        return persistent.metricsScope();
      }
    };
  }

  @Override
  public void flush() {
    // Deliberately nothing: see the class comment.
  }

  @Override
  public void put(Bytes key, byte[] value) {
    rocks.put(key, value);
  }

  @Override
  public byte[] putIfAbsent(Bytes key, byte[] value) {
    return rocks.putIfAbsent(key, value);
  }

  @Override
  public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
    rocks.putAll(entries);
  }

  @Override
  public byte[] delete(Bytes key) {
    return rocks.delete(key);
  }

  @Override
  public byte[] get(Bytes key) {
    return rocks.get(key);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
    return rocks.range(from, to);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
    return rocks.reverseRange(from, to);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> all() {
    return rocks.all();
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseAll() {
    return rocks.reverseAll();
  }

  @Override
  public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS serializer) {
    return rocks.prefixScan(prefix, serializer);
  }

  @Override
  public long approximateNumEntries() {
    return rocks.approximateNumEntries();
  }

  @Override
  public String name() {
    return rocks.name();
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    rocks.init(new WithoutPositionCheckpoint(context), root);
  }

  @Override
  public void close() {
    rocks.close();
  }

  @Override
  public boolean persistent() {
    return true;
  }

  @Override
  public boolean isOpen() {
    return rocks.isOpen();
  }

  @Override
  public <R> QueryResult<R> query(Query<R> query, PositionBound bound, QueryConfig config) {
    return rocks.query(query, bound, config);
  }

  @Override
  public Position getPosition() {
    return rocks.getPosition();
  }
}
