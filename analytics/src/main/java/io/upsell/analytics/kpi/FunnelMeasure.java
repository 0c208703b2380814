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

  /**
   * Deliveries whose outcome is unknown (the notifier stopped during the send; never sent again): after the
   * suppression reasons, so counters stored before it existed keep their places (a shorter array reads as zeros).
   */
  public static final int UNKNOWN = values().length + SuppressionReason.values().length;

  /** Array size: these counters, one per suppression reason, then {@link #UNKNOWN}. */
  public static final int SIZE = UNKNOWN + 1;

  public static int suppressedBy(SuppressionReason reason) {
    return values().length + reason.ordinal();
  }
}
