package io.upsell.ingest.events;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;

/** ISO-4217 codes and money in minor units: amounts given as decimal major units are converted exactly once, here. */
public final class Currencies {

  private Currencies() {}

  /** The event's currency, or {@code fallback} when it names none; a code that is not ISO-4217 is an error. */
  static String read(Fields f, String name, String fallback) {
    String code = f.optText(name);
    if (code == null) {
      return fallback;
    }
    if (!isCode(code)) {
      f.fail(name, "must be an ISO-4217 currency code");
      return fallback;
    }
    return code.toUpperCase(Locale.ROOT);
  }

  public static boolean isCode(String code) {
    try {
      return code.length() == 3 && Currency.getInstance(code.toUpperCase(Locale.ROOT)) != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * {@code 19.99} USD → 1999; rounds half-even beyond the currency's digits (JPY has none). Not bounded to a long:
   * the native reader refuses an amount too large by its field's name.
   */
  static BigInteger toMinor(BigDecimal major, String currency) {
    int digits = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
    return major.setScale(digits, RoundingMode.HALF_EVEN).movePointRight(digits).toBigIntegerExact();
  }
}
