package io.upsell.analytics.stream;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's counter stores, each with the current values of the keys this processor wrote: the processor alone
 * writes them, so adding a delta to a shop's few hot period keys, as every order does, adds in place and skips the
 * store read and its decoding. A processor makes its own at init, so a restarted task (rebalance, aborted
 * transaction) starts from its restored stores.
 */
final class CounterStores {

  /** Keys kept per store and task; past this the values are dropped and read from the store again as needed. */
  private static final int KEPT = 4096;

  /** One store and the values last written to it. */
  private record Store(KeyValueStore<String, long[]> kv, Map<String, long[]> current) {}

  private final Map<String, Store> stores = new HashMap<>();

  CounterStores(ProcessorContext<?, ?> context, List<String> names) {
    for (String name : names) {
      stores.put(name, new Store(context.getStateStore(name), new HashMap<>()));
    }
  }

  /** Adds {@code delta} element-wise to the counters of {@code key} in {@code store}. */
  void add(String store, String key, long[] delta) {
    Store s = stores.get(store);
    long[] values = s.current.get(key);
    if (values == null || values.length < delta.length) {
      values = grown(values == null ? s.kv.get(key) : values, delta.length);
      if (s.current.size() >= KEPT) {
        s.current.clear();
      }
      s.current.put(key, values);
    }
    for (int i = 0; i < delta.length; i++) {
      values[i] += delta[i];
    }
    // The store encodes the array at once, so the array can keep changing here afterwards.
    s.kv.put(key, values);
  }

  private static long[] grown(long[] stored, int length) {
    if (stored != null && stored.length >= length) {
      return stored;
    }
    long[] values = new long[length];
    if (stored != null) {
      System.arraycopy(stored, 0, values, 0, stored.length);
    }
    return values;
  }
}
