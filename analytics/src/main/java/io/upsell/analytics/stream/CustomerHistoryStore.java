package io.upsell.analytics.stream;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Customer histories in memory, in a hash map: the processor reads and writes one customer at a time and nothing
 * scans them, so they need no sorted map (Kafka's in-memory store keeps a tree, and its key comparisons were a
 * twentieth of the service's CPU). Restored from the changelog at start like any in-memory store; key ranges are
 * refused.
 */
final class CustomerHistoryStore implements KeyValueStore<Bytes, byte[]> {

  private final String name;
  private final Map<Bytes, byte[]> histories = new ConcurrentHashMap<>();
  private final Position position = Position.emptyPosition();
  private volatile boolean open;

  CustomerHistoryStore(String name) {
    this.name = name;
  }

  /** Supplies one such store per task. */
  static KeyValueBytesStoreSupplier supplier(String name) {
    return new KeyValueBytesStoreSupplier() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public KeyValueStore<Bytes, byte[]> get() {
        return new CustomerHistoryStore(name);
      }

      @Override
      public String metricsScope() {
        // Kafka's own in-memory stores' scope: the metrics binder wants one set of tag names per meter name.
        return "in-memory";
      }
    };
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    context.register(root, (key, value) -> put(Bytes.wrap(key), value));
    open = true;
  }

  @Override
  public void put(Bytes key, byte[] value) {
    if (value == null) {
      histories.remove(key);
    } else {
      histories.put(key, value);
    }
  }

  @Override
  public byte[] putIfAbsent(Bytes key, byte[] value) {
    byte[] current = histories.get(key);
    if (current == null) {
      put(key, value);
    }
    return current;
  }

  @Override
  public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
    entries.forEach(entry -> put(entry.key, entry.value));
  }

  @Override
  public byte[] delete(Bytes key) {
    return histories.remove(key);
  }

  @Override
  public byte[] get(Bytes key) {
    return histories.get(key);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
    throw new UnsupportedOperationException("customer histories are read by key only");
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> all() {
    throw new UnsupportedOperationException("customer histories are read by key only");
  }

  @Override
  public long approximateNumEntries() {
    return histories.size();
  }

  @Override
  public Position getPosition() {
    return position;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void flush() {
    // Nothing buffered: the map is the store.
  }

  @Override
  public void close() {
    histories.clear();
    open = false;
  }

  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public boolean isOpen() {
    return open;
  }
}
