package io.upsell.analytics.query;

import static io.upsell.analytics.kpi.Counters.get;

import io.upsell.analytics.kpi.CurrencyMeasure;

/**
 * A period's orders in one currency other than the shop's, in that currency's minor units: shown beside the
 * shop's figures, never converted or summed into them.
 */
public record CurrencyFigures(long grossRevenueMinor, long refundsMinor, long netRevenueMinor, long orders,
    long cancellations) {

  static CurrencyFigures of(long[] c) {
    long gross = get(c, CurrencyMeasure.GROSS.ordinal());
    long refunds = get(c, CurrencyMeasure.REFUNDS.ordinal());
    return new CurrencyFigures(gross, refunds, gross - refunds, get(c, CurrencyMeasure.ORDERS.ordinal()),
        get(c, CurrencyMeasure.CANCELLATIONS.ordinal()));
  }
}
