package io.upsell.engine.config;

import io.upsell.schemas.rules.RuleSettings;

/**
 * The shop-wide settings of offers, each declared here once with its default and bounds; a shop overrides one in its
 * rules' {@code settings} under the key. Numbers are whole numbers within [min, max]; the prefix is text.
 */
public enum OfferSetting {
  /** Up to 8 letters or digits; empty for codes without a prefix. */
  COUPON_PREFIX(RuleSettings.COUPON_PREFIX, "UP", 0, 8),
  COUPON_LENGTH(RuleSettings.COUPON_LENGTH, "8", 6, 16),
  COUPON_VALIDITY_DAYS(RuleSettings.COUPON_VALIDITY_DAYS, "14", 1, 365),
  DOWNVOTE_COOLDOWN_DAYS(RuleSettings.DOWNVOTE_COOLDOWN_DAYS, "30", 0, 365),
  /** Not an offer's, but shop-wide and declared the same way: a backtest's warm-up before its range. */
  BACKTEST_WARM_UP_DAYS(RuleSettings.BACKTEST_WARM_UP_DAYS, "90", 0, 365);

  private final String key;
  private final String defaultValue;
  private final long min;
  private final long max;

  OfferSetting(String key, String defaultValue, long min, long max) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.min = min;
    this.max = max;
  }

  public String key() {
    return key;
  }

  public String defaultValue() {
    return defaultValue;
  }

  /** Why {@code value} is refused, or null when it is accepted. */
  public String refusal(String value) {
    if (this == COUPON_PREFIX) {
      return value != null && value.matches("[A-Z0-9]{0,8}") ? null : "must be 0 to 8 capital letters or digits";
    }
    try {
      long n = Long.parseLong(String.valueOf(value).strip());
      if (n >= min && n <= max) {
        return null;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    return "must be a whole number between " + min + " and " + max;
  }

  /** The setting named {@code key}, or null. */
  public static OfferSetting ofKey(String key) {
    for (OfferSetting setting : values()) {
      if (setting.key.equals(key)) {
        return setting;
      }
    }
    return null;
  }
}
