package io.upsell.analytics.stream;

import io.upsell.analytics.kpi.Counters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's counter stores, with the values this processor last wrote {@link Remembered}: adding a delta to a shop's
 * few hot period keys, as every order does, then skips the store read.
 */
final class CounterStores {

  /** Keys remembered per store and task, least recently used forgotten first. */
  private static final int REMEMBERED = 4096;

  private final Map<String, KeyValueStore<String, long[]>> stores = new HashMap<>();
  private final Map<String, Map<String, long[]>> remembered = new HashMap<>();

  CounterStores(ProcessorContext<?, ?> context, List<String> names) {
    for (String name : names) {
      stores.put(name, context.getStateStore(name));
      remembered.put(name, new Remembered<>(REMEMBERED));
    }
  }

  /** Adds {@code delta} element-wise to the counters of {@code key} in {@code store}. */
  void add(String store, String key, long[] delta) {
    Map<String, long[]> known = remembered.get(store);
    long[] current = known.get(key);
    if (current == null) {
      current = stores.get(store).get(key);
    }
    long[] sum = Counters.plus(current, delta);
    stores.get(store).put(key, sum);
    known.put(key, sum);
  }
}
