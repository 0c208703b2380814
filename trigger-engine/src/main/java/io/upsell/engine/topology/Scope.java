package io.upsell.engine.topology;

import io.upsell.schemas.topics.Keys;

/**
 * Which raw records the topology reads: everything in production; one shop and a time range in a backtest.
 *
 * @param shopId only this shop's records, or null for all
 * @param fromMillis inclusive record time, or Long.MIN_VALUE
 * @param toMillis exclusive record time, or Long.MAX_VALUE
 */
public record Scope(String shopId, long fromMillis, long toMillis) {

  public static Scope everything() {
    return new Scope(null, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  public boolean isEverything() {
    return shopId == null && fromMillis == Long.MIN_VALUE && toMillis == Long.MAX_VALUE;
  }

  public boolean admits(String key, long timestamp) {
    return key != null && (shopId == null || shopId.equals(Keys.shopOf(key)))
        && timestamp >= fromMillis && timestamp < toMillis;
  }
}
