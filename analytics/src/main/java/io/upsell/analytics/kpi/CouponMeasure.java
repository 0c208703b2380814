package io.upsell.analytics.kpi;

/** Counters of the codes of one trigger type and variant on one day of orders. */
public enum CouponMeasure {
  /** Codes redeemed: the earliest order naming each. */
  REDEEMED,
  /** The redeeming orders' totals, minor units. */
  REDEEMED_REVENUE,
  /** Of the redeemed, those whose order came from another customer than the code was issued to. */
  BY_OTHER_CUSTOMER,
  /** Further orders naming a code already redeemed. */
  ALREADY_REDEEMED,
  /** Orders naming a code no trigger issued (under the {@link StoreKeys#UNKNOWN_CODE} key). */
  UNKNOWN_CODE;

  public static final int SIZE = values().length;
}
