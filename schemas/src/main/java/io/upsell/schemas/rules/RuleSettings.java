package io.upsell.schemas.rules;

/**
 * Keys of a shop's {@code ShopRules.settings} that are not per-trigger ({@code TYPE.key}) overrides: written through
 * the engine's rules API, read by the services that act on them.
 */
public final class RuleSettings {

  /** Where the shop's KPI digests are mailed (analytics addresses them, the notifier sends them). */
  public static final String REPORT_RECIPIENT = "report.recipient";

  /** Letters every coupon code of the shop starts with (the engine issues the codes, analytics looks them up). */
  public static final String COUPON_PREFIX = "coupon.prefix";
  /** Characters of a coupon code after its prefix. */
  public static final String COUPON_LENGTH = "coupon.length";
  /** Days a code stays valid when its offer names no deadline of its own. */
  public static final String COUPON_VALIDITY_DAYS = "coupon.validityDays";
  /** Days a down-voted plan or membership prompt is held back from the customer who down-voted it. */
  public static final String DOWNVOTE_COOLDOWN_DAYS = "downvote.cooldownDays";

  /** Days of history before a backtest's range that build its state (watches, caps, learned pairs) uncounted. */
  public static final String BACKTEST_WARM_UP_DAYS = "backtest.warmUpDays";

  private RuleSettings() {}
}
