package io.upsell.analytics.stream;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values a processor last wrote to a store it alone writes, kept at hand so the next update skips the store read
 * and its decoding; at most {@code limit} keys, the least recently used forgotten first. A processor makes its own
 * at init, so a restarted task (rebalance, aborted transaction) starts from its restored stores, not from these.
 */
final class Remembered<V> extends LinkedHashMap<String, V> {

  private final int limit;

  Remembered(int limit) {
    super(256, 0.75f, true);
    this.limit = limit;
  }

  @Override
  protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
    return size() > limit;
  }
}
