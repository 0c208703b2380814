package io.upsell.analytics.stream;

import io.upsell.analytics.kpi.Counters;
import java.util.HashMap;
import java.util.Map;

/**
 * Counter deltas per store and key, collected while one event is handled and written once: each touched key is
 * read and written a single time per event however many figures change.
 */
final class Contributions {

  private final Map<String, Map<String, long[]>> byStore = new HashMap<>();

  void add(String store, String key, int index, int size, long delta) {
    if (delta == 0) {
      return;
    }
    counters(store, key, size)[index] += delta;
  }

  /** The deltas of one key, to add to in place; {@code size} counters when new. */
  long[] counters(String store, String key, int size) {
    return byStore.computeIfAbsent(store, s -> new HashMap<>()).computeIfAbsent(key, k -> new long[size]);
  }

  /** Adds {@code sign} times every counter of {@code other}. */
  void addAll(Contributions other, int sign) {
    other.byStore.forEach((store, keys) -> keys.forEach((key, values) -> {
      for (int i = 0; i < values.length; i++) {
        add(store, key, i, values.length, sign * values[i]);
      }
    }));
  }

  boolean isEmpty() {
    return byStore.isEmpty();
  }

  /** Adds the deltas to the stores. */
  void writeTo(CounterStores stores) {
    byStore.forEach((store, keys) -> keys.forEach((key, delta) -> {
      if (!Counters.isZero(delta)) {
        stores.add(store, key, delta);
      }
    }));
  }

  Map<String, long[]> of(String store) {
    return byStore.getOrDefault(store, Map.of());
  }
}
