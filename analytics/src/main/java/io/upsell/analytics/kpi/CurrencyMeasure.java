package io.upsell.analytics.kpi;

/**
 * The counters of a shop's orders in a currency other than its own, per hour or day and currency: kept apart from
 * the shop's figures, never converted or summed into them ({@link StoreKeys#CURRENCIES}).
 */
public enum CurrencyMeasure {
  GROSS,
  REFUNDS,
  ORDERS,
  CANCELLATIONS,
  REFUND_EVENTS;

  public static final int SIZE = values().length;

  /** The counter of this currency measure matching a shop-currency {@link Measure} (GROSS, REFUNDS, ...). */
  public static CurrencyMeasure of(Measure measure) {
    return valueOf(measure.name());
  }
}
