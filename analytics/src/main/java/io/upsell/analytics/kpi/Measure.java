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
  RETAINED;

  public static final int SIZE = values().length;

  /** The gross-by-channel counter of {@code channel}. */
  public static Measure grossOf(SalesChannel channel) {
    return values()[GROSS_DIRECT.ordinal() + channel.ordinal()];
  }

  /** The refunds-by-channel counter of {@code channel}; null: the order's channel is unknown. */
  public static Measure refundsOf(SalesChannel channel) {
    return channel == null ? REFUNDS_UNKNOWN_CHANNEL : values()[REFUNDS_DIRECT.ordinal() + channel.ordinal()];
  }
}
