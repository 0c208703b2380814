package io.upsell.engine.topology;

import io.upsell.schemas.upsell.ShopRules;

/**
 * How a backtest judges the history it replays (production has none: the stored rules, and consent only from a
 * profile).
 *
 * @param rules rules to try instead of the shop's stored ones, or null for the stored ones
 * @param consentWithoutProfile whether a customer the history holds no profile for counts as consenting: imported
 *     orders come without CRM profiles, and without this every marketing trigger of theirs is refused NO_CONSENT. A
 *     profile that refuses consent, and an unsubscribe, still refuse.
 * @param endMillis the exclusive end of the range: nothing is judged at or after it, whatever later records the
 *     replay reads; a timer due then or later stays pending
 */
public record Replay(ShopRules rules, boolean consentWithoutProfile, long endMillis) {

  /** A replay without an end (judges as far as the history goes). */
  public Replay(ShopRules rules, boolean consentWithoutProfile) {
    this(rules, consentWithoutProfile, Long.MAX_VALUE);
  }

  /** The time to judge at when the replay has read up to {@code streamTime}: never at or past the range's end. */
  public long judgedAt(long streamTime) {
    return Math.min(streamTime, endMillis - 1);
  }
}
