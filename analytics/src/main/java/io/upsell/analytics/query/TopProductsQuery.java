package io.upsell.analytics.query;

import io.upsell.analytics.kpi.StoreKeys;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The best-selling products and categories of a shop over a range of days, by revenue or by units. */
public final class TopProductsQuery {

  private final StoreRanges ranges;

  public TopProductsQuery(StoreRanges ranges) {
    this.ranges = ranges;
  }

  /** A product or category and what it sold; {@code kind} is {@code product} or {@code category}. */
  public record Seller(String kind, String id, long units, long revenueMinor) {}

  public record TopSellers(String shopId, String from, String to, String by, List<Seller> products,
      List<Seller> categories) {}

  public TopSellers top(String shopId, DateRange range, boolean byUnits, int limit, String authorization) {
    Map<String, long[]> sums = new HashMap<>();
    ranges.range(StoreKeys.PRODUCTS, StoreKeys.dailyFrom(shopId, range.fromDay()),
        StoreKeys.dailyTo(shopId, range.toDay()), authorization).forEach((key, c) -> {
          String[] parts = key.split("\\|", 4);
          long[] sum = sums.computeIfAbsent(parts[2] + "|" + parts[3], k -> new long[2]);
          sum[0] += c[0];
          sum[1] += c[1];
        });
    Comparator<Seller> order = byUnits
        ? Comparator.comparingLong(Seller::units).thenComparingLong(Seller::revenueMinor)
        : Comparator.comparingLong(Seller::revenueMinor).thenComparingLong(Seller::units);
    order = order.reversed().thenComparing(Seller::id);
    List<Seller> sellers = sums.entrySet().stream().map(e -> {
      String[] kindAndId = e.getKey().split("\\|", 2);
      return new Seller(kindAndId[0].equals("P") ? "product" : "category", kindAndId[1], e.getValue()[0],
          e.getValue()[1]);
    }).sorted(order).toList();
    return new TopSellers(shopId, range.from().toString(), range.to().toString(), byUnits ? "units" : "revenue",
        sellers.stream().filter(s -> s.kind().equals("product")).limit(limit).toList(),
        sellers.stream().filter(s -> s.kind().equals("category")).limit(limit).toList());
  }
}
