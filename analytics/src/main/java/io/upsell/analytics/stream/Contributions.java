package io.upsell.analytics.stream;

import io.upsell.analytics.kpi.Counters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counter deltas per store and key, collected while one event is handled and written once: each touched key is
 * read and written a single time per event however many figures change. An event touches about a dozen keys, so
 * a list searched in order costs less than maps of maps; past {@link #SCANNED} keys (an invoice of many lines) they
 * are also found through a hash index, so a 1,000-line order costs no million comparisons.
 */
final class Contributions {

  /** The deltas of one key of one store. */
  record Delta(String store, String key, long[] values) {}

  /** A store and key, as the index finds them. */
  private record Slot(String store, String key) {}

  static final int SCANNED = 16;

  private final List<Delta> deltas = new ArrayList<>(SCANNED);
  private Map<Slot, long[]> index;

  void add(String store, String key, int index, int size, long delta) {
    if (delta != 0) {
      counters(store, key, size)[index] += delta;
    }
  }

  /** The deltas of one key, to add to in place; {@code size} counters when new. */
  long[] counters(String store, String key, int size) {
    if (index != null) {
      long[] values = index.get(new Slot(store, key));
      return values != null ? values : added(store, key, size);
    }
    for (int i = 0; i < deltas.size(); i++) {
      Delta d = deltas.get(i);
      if (d.store.equals(store) && d.key.equals(key)) {
        return d.values;
      }
    }
    return added(store, key, size);
  }

  private long[] added(String store, String key, int size) {
    long[] values = new long[size];
    deltas.add(new Delta(store, key, values));
    if (index != null) {
      index.put(new Slot(store, key), values);
    } else if (deltas.size() > SCANNED) {
      index = new HashMap<>();
      deltas.forEach(d -> index.put(new Slot(d.store, d.key), d.values));
    }
    return values;
  }

  /** How many store keys the event touches. */
  int size() {
    return deltas.size();
  }

  /** Adds {@code sign} times every counter of {@code other}. */
  void addAll(Contributions other, int sign) {
    for (Delta d : other.deltas) {
      long[] values = counters(d.store, d.key, d.values.length);
      for (int i = 0; i < d.values.length; i++) {
        values[i] += sign * d.values[i];
      }
    }
  }

  /** Adds the deltas to the stores; keys whose changes cancelled out are not written. */
  void writeTo(CounterStores stores) {
    for (Delta d : deltas) {
      if (!Counters.isZero(d.values)) {
        stores.add(d.store, d.key, d.values);
      }
    }
  }
}
