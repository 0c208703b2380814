package io.upsell.analytics.query;

import static io.upsell.analytics.kpi.Counters.get;

import io.upsell.analytics.kpi.Counters;
import io.upsell.analytics.kpi.CouponMeasure;
import io.upsell.analytics.kpi.LiftMeasure;
import io.upsell.analytics.kpi.StoreKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lift of upsells against the holdout group: conversion and revenue per customer of treated versus control
 * customers who entered their group in the range, with normal-approximation 95% confidence intervals of the
 * difference; and the same per trigger type and variant of the treated (A/B), each against the control customers
 * of its own trigger type (variants of different types that share a name are not merged).
 */
public final class LiftQuery {

  private static final double Z95 = 1.959964;

  private final StoreRanges ranges;
  private final ShopStores shopStores;

  public LiftQuery(StoreRanges ranges, ShopStores shopStores) {
    this.ranges = ranges;
    this.shopStores = shopStores;
  }

  /** One group's figures. */
  public record GroupStats(long customers, long converted, Double conversionRate, long revenueMinor,
      Long revenuePerCustomerMinor) {}

  /** Treated minus control, with its 95% interval; {@code relative} is the difference over the control's value. */
  public record Estimate(Double difference, Double ci95Low, Double ci95High, Double relative) {}

  /**
   * One trigger type's variant against the control customers of the same trigger type, and the codes of the variant
   * that orders in the range redeemed.
   */
  public record VariantLift(String triggerType, String variant, GroupStats treated, GroupStats control,
      Estimate conversionLift, Estimate revenuePerCustomerLift, Redemptions redemptions) {}

  /**
   * Codes redeemed by orders placed in the range (the earliest order naming each issued code), those orders' total,
   * how many came from another customer than the code was issued to, and further orders naming a redeemed code.
   */
  public record Redemptions(long redeemed, long revenueMinor, long byOtherCustomer, long alreadyRedeemed) {

    static Redemptions of(long[] c) {
      return new Redemptions(get(c, CouponMeasure.REDEEMED.ordinal()), get(c, CouponMeasure.REDEEMED_REVENUE.ordinal()),
          get(c, CouponMeasure.BY_OTHER_CUSTOMER.ordinal()), get(c, CouponMeasure.ALREADY_REDEEMED.ordinal()));
    }
  }

  /** {@code unknownCodeOrders}: orders in the range that named a code no trigger issued. */
  public record Lift(String shopId, String from, String to, GroupStats treated, GroupStats control,
      Estimate conversionLift, Estimate revenuePerCustomerLift, Redemptions redemptions, long unknownCodeOrders,
      List<VariantLift> variants) {}

  public Lift lift(String shopId, DateRange range, String authorization) {
    long[] treated = new long[LiftMeasure.SIZE];
    long[] control = new long[LiftMeasure.SIZE];
    Map<String, long[]> controlByType = new TreeMap<>();
    Map<String, long[]> variants = new TreeMap<>();
    ranges.range(StoreKeys.LIFT, StoreKeys.dailyFrom(shopId, range.fromDay()),
        StoreKeys.dailyTo(shopId, range.toDay()), authorization).forEach((key, c) -> {
          String[] parts = StoreKeys.parts(key);
          if (parts[4].equals("C")) {
            add(control, c);
            controlByType.merge(parts[2], c, Counters::plus);
          } else {
            add(treated, c);
            variants.merge(parts[2] + StoreKeys.SEP + parts[3], c, Counters::plus);
          }
        });
    Map<String, long[]> redeemed = new TreeMap<>();
    long[] unknown = new long[CouponMeasure.SIZE];
    shopStores.counters(StoreKeys.REDEMPTIONS, shopId, StoreKeys.dailyFrom(shopId, range.fromDay()),
        StoreKeys.dailyTo(shopId, range.toDay()), authorization).forEach((key, c) -> {
          String[] parts = StoreKeys.parts(key);
          if (parts.length == 4) {
            redeemed.merge(parts[2] + StoreKeys.SEP + parts[3], c, Counters::plus);
            variants.putIfAbsent(parts[2] + StoreKeys.SEP + parts[3], new long[LiftMeasure.SIZE]);
          } else {
            add(unknown, c);
          }
        });
    long[] allRedeemed = new long[CouponMeasure.SIZE];
    redeemed.values().forEach(c -> add(allRedeemed, c));
    List<VariantLift> byVariant = new ArrayList<>();
    variants.forEach((typeAndVariant, c) -> {
      String[] group = StoreKeys.parts(typeAndVariant);
      long[] typeControl = controlByType.getOrDefault(group[0], new long[LiftMeasure.SIZE]);
      byVariant.add(new VariantLift(group[0], group[1], stats(c), stats(typeControl), conversion(c, typeControl),
          revenue(c, typeControl), Redemptions.of(redeemed.get(typeAndVariant))));
    });
    return new Lift(shopId, range.from().toString(), range.to().toString(), stats(treated), stats(control),
        conversion(treated, control), revenue(treated, control), Redemptions.of(allRedeemed),
        get(unknown, CouponMeasure.UNKNOWN_CODE.ordinal()), byVariant);
  }

  static GroupStats stats(long[] c) {
    long n = get(c, LiftMeasure.CUSTOMERS.ordinal());
    return new GroupStats(n, get(c, LiftMeasure.CONVERTED.ordinal()), KpiRow.rate(get(c, LiftMeasure.CONVERTED.ordinal()), n),
        get(c, LiftMeasure.REVENUE.ordinal()), KpiRow.divide(get(c, LiftMeasure.REVENUE.ordinal()), n));
  }

  static Estimate conversion(long[] t, long[] c) {
    double nt = get(t, LiftMeasure.CUSTOMERS.ordinal());
    double nc = get(c, LiftMeasure.CUSTOMERS.ordinal());
    if (nt == 0 || nc == 0) {
      return new Estimate(null, null, null, null);
    }
    double pt = get(t, LiftMeasure.CONVERTED.ordinal()) / nt;
    double pc = get(c, LiftMeasure.CONVERTED.ordinal()) / nc;
    double se = Math.sqrt(pt * (1 - pt) / nt + pc * (1 - pc) / nc);
    return estimate(pt - pc, se, pc);
  }

  static Estimate revenue(long[] t, long[] c) {
    double nt = get(t, LiftMeasure.CUSTOMERS.ordinal());
    double nc = get(c, LiftMeasure.CUSTOMERS.ordinal());
    if (nt == 0 || nc == 0) {
      return new Estimate(null, null, null, null);
    }
    double mt = get(t, LiftMeasure.REVENUE.ordinal()) / nt;
    double mc = get(c, LiftMeasure.REVENUE.ordinal()) / nc;
    double se = Math.sqrt(variance(t, nt, mt) / nt + variance(c, nc, mc) / nc);
    return estimate(mt - mc, se, mc);
  }

  private static double variance(long[] c, double n, double mean) {
    if (n < 2) {
      return 0;
    }
    double squares = get(c, LiftMeasure.REVENUE_SQUARED.ordinal());
    return Math.max(0, (squares - n * mean * mean) / (n - 1));
  }

  private static Estimate estimate(double difference, double se, double base) {
    return new Estimate(round(difference), round(difference - Z95 * se), round(difference + Z95 * se),
        base == 0 ? null : round(difference / base));
  }

  private static Double round(double value) {
    return Math.round(value * 10_000d) / 10_000d;
  }

  private static void add(long[] into, long[] c) {
    for (int i = 0; i < into.length; i++) {
      into[i] += get(c, i);
    }
  }
}
