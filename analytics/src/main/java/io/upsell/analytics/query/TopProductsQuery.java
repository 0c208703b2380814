package io.upsell.analytics.query;

import io.upsell.analytics.kpi.Counters;
import io.upsell.analytics.kpi.ProductKeys;
import io.upsell.analytics.kpi.StoreKeys;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The best-selling products and categories of a shop over a range of days, by revenue or by units, both net of
 * refunds and returns; refunds that named no product are given apart, so products' revenue plus nothing else is
 * what they earned.
 */
public final class TopProductsQuery {

  private final StoreRanges ranges;

  public TopProductsQuery(StoreRanges ranges) {
    this.ranges = ranges;
  }

  /**
   * A product or category and what it sold; {@code kind} is {@code product} or {@code category}; units and revenue
   * are net of what was returned and refunded in the range.
   */
  public record Seller(String kind, String id, long units, long revenueMinor, long returnedUnits,
      long refundsMinor) {}

  public record TopSellers(String shopId, String from, String to, String by, List<Seller> products,
      List<Seller> categories, long unallocatedRefundsMinor) {}

  public TopSellers top(String shopId, DateRange range, boolean byUnits, int limit, String authorization) {
    Map<String, long[]> sums = ProductKeys.sellers(ranges.range(StoreKeys.PRODUCTS,
        StoreKeys.dailyFrom(shopId, range.fromDay()), StoreKeys.dailyTo(shopId, range.toDay()), authorization));
    long[] unallocated = sums.remove(ProductKeys.UNALLOCATED);
    Comparator<Seller> order = byUnits
        ? Comparator.comparingLong(Seller::units).thenComparingLong(Seller::revenueMinor)
        : Comparator.comparingLong(Seller::revenueMinor).thenComparingLong(Seller::units);
    order = order.reversed().thenComparing(Seller::id);
    List<Seller> sellers = sums.entrySet().stream().map(e -> seller(e.getKey(), e.getValue())).sorted(order).toList();
    return new TopSellers(shopId, range.from().toString(), range.to().toString(), byUnits ? "units" : "revenue",
        sellers.stream().filter(s -> s.kind().equals("product")).limit(limit).toList(),
        sellers.stream().filter(s -> s.kind().equals("category")).limit(limit).toList(),
        Counters.get(unallocated, 3));
  }

  // Counters: units sold, gross revenue, units returned, refunds.
  private static Seller seller(String kindAndId, long[] c) {
    String[] parts = kindAndId.split("\\|", 2);
    long returned = Counters.get(c, 2);
    long refunds = Counters.get(c, 3);
    return new Seller(parts[0].equals("P") ? "product" : "category", parts[1], Counters.get(c, 0) - returned,
        Counters.get(c, 1) - refunds, returned, refunds);
  }
}
