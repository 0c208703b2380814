package io.upsell.analytics.stream;

import io.upsell.analytics.kpi.Counters;
import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.platform.http.ApiException;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's stores hold the current layout only if their marker says so: a task whose stores are empty writes the
 * marker with its first event, and one that finds data without it (state of an older version, not reset) stops
 * with a message naming the reset, and from then on every query of this instance answers 503 with that reason
 * instead of figures read in the wrong layout (weeks and months of 0 customers, pre-1970 periods under other keys).
 */
public final class StateLayout {

  /**
   * Version 3: the counted-orders store (an order id, a refund's event id counted once). Version 2: weeks and months
   * summed from days with WEEK_/MONTH_ counters, period ids written with an offset.
   */
  static final long VERSION = 3;
  /** The marker's key in {@link StoreKeys#BUCKETS}: a control character starts it, so no shop's range holds it. */
  static final String MARKER = "\u0001state-layout";
  static final String RESET = "the analytics state was written by an older version without the current layout"
      + " marker (version " + VERSION + "); stop every analytics instance and reset the state as docs/analytics.md,"
      + " section \"State written by older versions needs an application reset\", describes";

  private volatile String problem;

  /**
   * Checks a task's stores when its processor starts (after they are restored). True: they are empty and need the
   * marker, which {@link #mark} writes with the first event (a store write needs a record's context, which a
   * processor's init has not). Throws {@link StaleState}, and remembers why, when they hold data without the marker.
   */
  boolean check(KeyValueStore<String, long[]> buckets, KeyValueStore<String, ?> customers) {
    long[] marker = buckets.get(MARKER);
    if (marker != null && Counters.get(marker, 0) == VERSION) {
      return false;
    }
    // The customer histories are a hash map (CustomerHistoryStore): its count is exact and it cannot be scanned.
    if (marker == null && isEmpty(buckets) && customers.approximateNumEntries() == 0) {
      return true;
    }
    problem = RESET + (marker == null ? "" : " (found version " + Counters.get(marker, 0) + ")");
    throw new StaleState(problem);
  }

  // Looked at, not estimated: RocksDB's approximateNumEntries can read 0 for a store that holds data.
  private static boolean isEmpty(KeyValueStore<String, long[]> store) {
    try (var all = store.all()) {
      return !all.hasNext();
    }
  }

  /** Marks a task's stores as holding the current layout. */
  static void mark(KeyValueStore<String, long[]> buckets) {
    buckets.put(MARKER, new long[] {VERSION});
  }

  /** Why this instance's state cannot be read, if a task found it in an older layout. */
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  /** Refuses a query (503 naming the reset) when a task found state of an older layout. */
  public void requireCurrent(int retryAfterSeconds) {
    if (problem != null) {
      throw ApiException.unavailable(problem, retryAfterSeconds);
    }
  }

  /** The stores of a task hold state of an older layout. */
  public static final class StaleState extends IllegalStateException {
    StaleState(String message) {
      super(message);
    }
  }
}
