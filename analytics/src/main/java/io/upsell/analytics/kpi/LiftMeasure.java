package io.upsell.analytics.kpi;

/** Counters of one lift group (treated or holdout control): enough for rates, means and their variances. */
public enum LiftMeasure {
  CUSTOMERS,
  CONVERTED,
  REVENUE,
  /** Sum of each customer's revenue squared, for the variance of revenue per customer. */
  REVENUE_SQUARED;

  public static final int SIZE = values().length;
}
