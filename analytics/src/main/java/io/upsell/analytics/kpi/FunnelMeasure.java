package io.upsell.analytics.kpi;

import io.upsell.schemas.upsell.SuppressionReason;

/** Counters of the upsell funnel of one trigger type and variant; suppressions also by reason. */
public enum FunnelMeasure {
  DECIDED,
  SUPPRESSED,
  HOLDOUT,
  SENT,
  FAILED,
  DELIVERED,
  OPENED,
  CLICKED,
  CONVERTED,
  ATTRIBUTED_REVENUE,
  CLICK_ORDERS,
  CLICK_REVENUE,
  VIEW_ORDERS,
  VIEW_REVENUE;

  /** Array size: these counters followed by one per suppression reason. */
  public static final int SIZE = values().length + SuppressionReason.values().length;

  public static int suppressedBy(SuppressionReason reason) {
    return values().length + reason.ordinal();
  }
}
