package io.upsell.analytics.kpi;

import io.upsell.schemas.shop.SalesChannel;
import java.util.List;

/**
 * The additive counters of one shop's KPI period; every figure of the KPI answer is derived from these. Hours and
 * days are stored; a week or month is the sum of its days, except for its distinct customers, which its days hold
 * apart in the {@code WEEK_} and {@code MONTH_} counters (a customer counts there on the day first seen in it).
 */
public enum Measure {
  GROSS,
  REFUNDS,
  ORDERS,
  CANCELLATIONS,
  REFUND_EVENTS,
  UNITS,
  CUSTOMERS,
  NEW_CUSTOMERS,
  RETURNING_CUSTOMERS,
  /** Written by earlier versions only: churn is now the previous period's customers minus {@link #RETAINED}. */
  CHURNED,
  SESSIONS,
  CONVERTED_SESSIONS,
  CARTS,
  CONVERTED_CARTS,
  CHECKOUTS,
  CONVERTED_CHECKOUTS,
  GROSS_DIRECT,
  GROSS_EMAIL,
  GROSS_INAPP,
  GROSS_SOCIAL,
  GROSS_PAID,
  GROSS_ORGANIC,
  REFUNDS_DIRECT,
  REFUNDS_EMAIL,
  REFUNDS_INAPP,
  REFUNDS_SOCIAL,
  REFUNDS_PAID,
  REFUNDS_ORGANIC,
  /** Refunds of orders this service does not know (placed before it remembers, or under another key). */
  REFUNDS_UNKNOWN_CHANNEL,
  /**
   * Customers of the period who also bought in the previous one (weeks and months). Churn is derived from it at
   * query time, so an order touches only its own periods' keys, not the next period's.
   */
  RETAINED,
  WEEK_CUSTOMERS,
  WEEK_NEW_CUSTOMERS,
  WEEK_RETURNING_CUSTOMERS,
  WEEK_RETAINED,
  MONTH_CUSTOMERS,
  MONTH_NEW_CUSTOMERS,
  MONTH_RETURNING_CUSTOMERS,
  MONTH_RETAINED;

  public static final int SIZE = values().length;
  /** The per-period distinct counters, in the order their WEEK_ and MONTH_ copies follow. */
  private static final List<Measure> DISTINCT = List.of(CUSTOMERS, NEW_CUSTOMERS, RETURNING_CUSTOMERS, RETAINED);

  /**
   * Where a day keeps {@code distinct} (CUSTOMERS, NEW_, RETURNING_ or RETAINED) of its {@code g} period; any other
   * counter has no per-period copy and is refused.
   */
  public static Measure of(Granularity g, Measure distinct) {
    int index = DISTINCT.indexOf(distinct);
    if (index < 0) {
      throw new IllegalArgumentException(distinct + " is not a distinct-customer counter " + DISTINCT);
    }
    return switch (g) {
      case HOUR, DAY -> distinct;
      case WEEK -> values()[WEEK_CUSTOMERS.ordinal() + index];
      case MONTH -> values()[MONTH_CUSTOMERS.ordinal() + index];
    };
  }

  /** The week's or month's counters from the sum of its days' counters: its own distinct customers in place. */
  public static long[] periodOfDays(Granularity g, long[] daysSum) {
    long[] period = new long[SIZE];
    System.arraycopy(daysSum, 0, period, 0, Math.min(daysSum.length, SIZE));
    for (Measure distinct : DISTINCT) {
      period[distinct.ordinal()] = Counters.get(daysSum, of(g, distinct).ordinal());
    }
    return period;
  }

  /** The gross-by-channel counter of {@code channel}. */
  public static Measure grossOf(SalesChannel channel) {
    return values()[GROSS_DIRECT.ordinal() + channel.ordinal()];
  }

  /** The refunds-by-channel counter of {@code channel}; null: the order's channel is unknown. */
  public static Measure refundsOf(SalesChannel channel) {
    return channel == null ? REFUNDS_UNKNOWN_CHANNEL : values()[REFUNDS_DIRECT.ordinal() + channel.ordinal()];
  }
}
