package io.upsell.schemas.rules;

/**
 * Keys of a shop's {@code ShopRules.settings} that are not per-trigger ({@code TYPE.key}) overrides: written through
 * the engine's rules API, read by the services that act on them.
 */
public final class RuleSettings {

  /** Where the shop's KPI digests are mailed (analytics addresses them, the notifier sends them). */
  public static final String REPORT_RECIPIENT = "report.recipient";

  private RuleSettings() {}
}
