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
 */
public record Replay(ShopRules rules, boolean consentWithoutProfile) {}
