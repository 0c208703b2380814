package io.upsell.analytics.kpi;

import io.upsell.schemas.shop.SalesChannel;

/** The additive counters of one shop's KPI period; every figure of the KPI answer is derived from these. */
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
  /** Customers who bought in the previous period and not in this one. */
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
  GROSS_ORGANIC;

  public static final int SIZE = values().length;

  /** The gross-by-channel counter of {@code channel}. */
  public static Measure grossOf(SalesChannel channel) {
    return values()[GROSS_DIRECT.ordinal() + channel.ordinal()];
  }
}
