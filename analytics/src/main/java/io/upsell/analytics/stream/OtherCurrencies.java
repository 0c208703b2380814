package io.upsell.analytics.stream;

import io.upsell.analytics.kpi.CurrencyMeasure;
import io.upsell.analytics.kpi.Measure;
import io.upsell.analytics.kpi.StoreKeys;

/**
 * An order, cancellation or refund in a currency other than the shop's is counted apart, per currency, and never
 * summed into the shop's money figures (a USD order's cents are not a GBP shop's pence). Nothing converts it: the
 * shop's answers show it under its own currency. A shop whose currency is unknown counts every order as its own.
 */
final class OtherCurrencies {

  private OtherCurrencies() {}

  /** True when {@code currency} is not the shop's (and the shop's is known). */
  static boolean foreign(String currency, String shopCurrency) {
    return shopCurrency != null && currency != null && !currency.equalsIgnoreCase(shopCurrency);
  }

  /** Adds {@code delta} to {@code measure} of {@code currency} in each of the hour's and day's bucket keys. */
  static void add(Contributions out, String[] bucketKeys, String currency, Measure measure, long delta) {
    for (String key : bucketKeys) {
      out.add(StoreKeys.CURRENCIES, StoreKeys.currency(key, currency.toUpperCase(java.util.Locale.ROOT)),
          CurrencyMeasure.of(measure).ordinal(), CurrencyMeasure.SIZE, delta);
    }
  }
}
