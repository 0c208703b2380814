package io.upsell.analytics.stream;

import io.upsell.analytics.kpi.Counters;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's counter stores, with the values this processor last wrote kept at hand. The processor is the stores'
 * only writer, so a remembered value is the stored one and adding a delta skips a store read (a shop's few hot
 * period keys are read on every order). Made anew at each processor init: a task that restarts (a rebalance, an
 * aborted transaction) restores its stores from the changelog and remembers nothing from before.
 */
final class CounterStores {

  /** Keys remembered per store and task, least recently used forgotten first. */
  private static final int REMEMBERED = 4096;

  private final Map<String, KeyValueStore<String, long[]>> stores = new HashMap<>();
  private final Map<String, Map<String, long[]>> remembered = new HashMap<>();

  CounterStores(ProcessorContext<?, ?> context, List<String> names) {
    for (String name : names) {
      stores.put(name, context.getStateStore(name));
      remembered.put(name, new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
          return size() > REMEMBERED;
        }
      });
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
