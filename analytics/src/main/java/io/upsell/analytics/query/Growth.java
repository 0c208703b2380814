package io.upsell.analytics.query;

import static io.upsell.analytics.kpi.Counters.get;

import io.upsell.analytics.kpi.Measure;

/**
 * A period against the one before it and against the same period a year before: net revenue, orders, customers and
 * AOV of the earlier period, and the change to this one, absolute and as a fraction of the earlier figure (null when
 * that was zero). Weeks compare with the week holding the same date a year before (its Monday on).
 */
public record Growth(Comparison previousPeriod, Comparison yearBefore) {

  /** The earlier period's figures and the change from them to the period's. */
  public record Comparison(String start, long netRevenueMinor, long netRevenueChangeMinor,
      Double netRevenueChangeRate, long orders, long ordersChange, Double ordersChangeRate, long customers,
      long customersChange, Double customersChangeRate, Long aovMinor, Long aovChangeMinor, Double aovChangeRate) {

    static Comparison of(String start, long[] earlier, long[] now) {
      long netBefore = net(earlier);
      long netNow = net(now);
      long ordersBefore = get(earlier, Measure.ORDERS.ordinal());
      long ordersNow = get(now, Measure.ORDERS.ordinal());
      long customersBefore = get(earlier, Measure.CUSTOMERS.ordinal());
      long customersNow = get(now, Measure.CUSTOMERS.ordinal());
      Long aovBefore = KpiRow.divide(get(earlier, Measure.GROSS.ordinal()), ordersBefore);
      Long aovNow = KpiRow.divide(get(now, Measure.GROSS.ordinal()), ordersNow);
      Long aovChange = aovBefore == null || aovNow == null ? null : aovNow - aovBefore;
      return new Comparison(start, netBefore, netNow - netBefore, change(netNow - netBefore, netBefore),
          ordersBefore, ordersNow - ordersBefore, change(ordersNow - ordersBefore, ordersBefore), customersBefore,
          customersNow - customersBefore, change(customersNow - customersBefore, customersBefore), aovBefore,
          aovChange, aovChange == null ? null : change(aovChange, aovBefore));
    }

    private static long net(long[] c) {
      return get(c, Measure.GROSS.ordinal()) - get(c, Measure.REFUNDS.ordinal());
    }

    // A fall from a positive figure is negative; the rate is of the earlier figure's size, so -0.5 is "half".
    private static Double change(long delta, long before) {
      return before == 0 ? null : KpiRow.ratio(delta, Math.abs(before));
    }
  }
}
