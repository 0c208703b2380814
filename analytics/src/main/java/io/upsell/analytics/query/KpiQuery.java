package io.upsell.analytics.query;

import io.upsell.analytics.kpi.Counters;
import io.upsell.analytics.kpi.Granularity;
import io.upsell.analytics.kpi.Measure;
import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.platform.http.ApiException;
import io.upsell.platform.shops.Shop;
import io.upsell.schemas.upsell.ShopRules;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The KPI series of a shop: one row per period of the range, empty periods included, in the shop's zone. */
public final class KpiQuery {

  /** More rows than this is refused: ask for a coarser granularity. */
  static final int MAX_ROWS = 2000;

  private final StoreRanges ranges;

  public KpiQuery(StoreRanges ranges) {
    this.ranges = ranges;
  }

  /** The answer of {@code GET /v1/shops/{shopId}/kpis}. */
  public record KpiSeries(String shopId, String granularity, String timeZone, String currency, String from, String to,
      List<KpiRow> series) {}

  public KpiSeries series(Shop shop, Granularity g, DateRange range, String authorization) {
    String shopId = shop.id();
    List<LocalDateTime> periods = periods(g, range);
    LocalDateTime first = periods.get(0);
    Map<Long, long[]> buckets = buckets(shopId, g, g.previous(first), g.next(periods.get(periods.size() - 1)),
        authorization);
    // Spend over the same whole periods as the revenue (a month's bucket holds all its days even when `to` cuts it).
    LocalDateTime end = g.next(periods.get(periods.size() - 1));
    Map<Long, Long> spend = spendByPeriod(shopId, g, first, end, authorization);
    long[] lifetime = lifetimeBefore(shopId, first, authorization);
    Long monthlyTarget = monthlyTarget(shopId);
    // The same periods a year before, for growth: read in one range like this year's.
    Map<Long, long[]> yearBefore = buckets(shopId, g, g.startOf(first.minusYears(1)),
        g.next(g.startOf(periods.get(periods.size() - 1).minusYears(1))), authorization);
    Map<Long, Map<String, CurrencyFigures>> currencies = otherCurrencies(shopId, g, first, end, authorization);
    List<KpiRow> rows = new ArrayList<>(periods.size());
    for (LocalDateTime start : periods) {
      long id = Granularity.id(start);
      long[] counters = buckets.getOrDefault(id, new long[Measure.SIZE]);
      LocalDateTime previousStart = g.previous(start);
      LocalDateTime yearAgoStart = g.startOf(start.minusYears(1));
      long[] previous = buckets.get(Granularity.id(previousStart));
      long[] yearAgo = yearBefore.getOrDefault(Granularity.id(yearAgoStart), new long[Measure.SIZE]);
      Growth growth = new Growth(
          Growth.Comparison.of(label(g, previousStart), previous == null ? new long[Measure.SIZE] : previous, counters),
          Growth.Comparison.of(label(g, yearAgoStart), yearAgo, counters));
      lifetime[0] += net(counters);
      lifetime[1] += Counters.get(counters, Measure.NEW_CUSTOMERS.ordinal());
      rows.add(KpiRow.of(label(g, start), counters, Counters.get(previous, Measure.CUSTOMERS.ordinal()),
          !g.stored(), lifetime.clone(), spend.getOrDefault(id, 0L), Targets.of(g, start, monthlyTarget),
          currencies.getOrDefault(id, Map.of()), growth));
    }
    return new KpiSeries(shopId, g.label(), shop.timeZone().getId(), shop.currency(), range.from().toString(),
        range.to().toString(), rows);
  }

  /** Counters per period id in [from, to): an hour's or day's bucket, or a week's or month's sum of its days. */
  private Map<Long, long[]> buckets(String shopId, Granularity g, LocalDateTime from, LocalDateTime to,
      String authorization) {
    Granularity read = g.stored() ? g : Granularity.DAY;
    Map<Long, long[]> byPeriod = new HashMap<>();
    ranges.range(StoreKeys.BUCKETS, StoreKeys.bucket(shopId, read, Granularity.id(from)),
        StoreKeys.bucket(shopId, read, Granularity.id(to) - 1), authorization).forEach((key, counters) -> {
          long id = StoreKeys.periodId(key.substring(key.lastIndexOf(StoreKeys.SEP) + 1));
          byPeriod.merge(g.stored() ? id : Granularity.id(g.startOf(Granularity.local(id))), counters, Counters::plus);
        });
    if (!g.stored()) {
      byPeriod.replaceAll((id, days) -> Measure.periodOfDays(g, days));
    }
    return byPeriod;
  }

  // Orders in other currencies per period and ISO code, read like the buckets: a week or month sums its days.
  private Map<Long, Map<String, CurrencyFigures>> otherCurrencies(String shopId, Granularity g, LocalDateTime from,
      LocalDateTime to, String authorization) {
    Granularity read = g.stored() ? g : Granularity.DAY;
    Map<Long, Map<String, long[]>> byPeriod = new HashMap<>();
    ranges.range(StoreKeys.CURRENCIES, StoreKeys.bucket(shopId, read, Granularity.id(from)),
        StoreKeys.currenciesTo(shopId, read, Granularity.id(to) - 1), authorization).forEach((key, counters) -> {
          String[] parts = StoreKeys.parts(key);
          long id = StoreKeys.periodId(parts[2]);
          long period = g.stored() ? id : Granularity.id(g.startOf(Granularity.local(id)));
          byPeriod.computeIfAbsent(period, p -> new TreeMap<>()).merge(parts[3], counters, Counters::plus);
        });
    Map<Long, Map<String, CurrencyFigures>> figures = new HashMap<>();
    byPeriod.forEach((period, codes) -> {
      Map<String, CurrencyFigures> row = new TreeMap<>();
      codes.forEach((code, counters) -> row.put(code, CurrencyFigures.of(counters)));
      figures.put(period, row);
    });
    return figures;
  }

  static List<LocalDateTime> periods(Granularity g, DateRange range) {
    LocalDateTime end = range.to().atStartOfDay();
    List<LocalDateTime> periods = new ArrayList<>();
    for (LocalDateTime p = g.startOf(range.from().atStartOfDay()); p.isBefore(end); p = g.next(p)) {
      if (periods.size() == MAX_ROWS) {
        throw ApiException.badRequest("granularity",
            "more than " + MAX_ROWS + " periods in the range; use a coarser granularity or a shorter range");
      }
      periods.add(p);
    }
    return periods;
  }

  private Map<Long, Long> spendByPeriod(String shopId, Granularity g, LocalDateTime first, LocalDateTime end,
      String authorization) {
    Map<Long, Long> spend = new HashMap<>();
    ranges.range(StoreKeys.SPEND, StoreKeys.dailyFrom(shopId, Granularity.id(first.toLocalDate().atStartOfDay())),
        StoreKeys.dailyTo(shopId, Granularity.id(end)), authorization).forEach((key, values) -> {
          long day = StoreKeys.periodId(StoreKeys.parts(key)[1]);
          spend.merge(Granularity.id(g.startOf(Granularity.local(day))), values[0], Long::sum);
        });
    return spend;
  }

  // Net revenue and customers acquired before the first period, for CLV.
  private long[] lifetimeBefore(String shopId, LocalDateTime first, String authorization) {
    long[] lifetime = new long[2];
    ranges.range(StoreKeys.BUCKETS, StoreKeys.bucket(shopId, Granularity.DAY, StoreKeys.FIRST_PERIOD),
        StoreKeys.bucket(shopId, Granularity.DAY, Granularity.id(first) - 1), authorization).values().forEach(c -> {
          lifetime[0] += net(c);
          lifetime[1] += Counters.get(c, Measure.NEW_CUSTOMERS.ordinal());
        });
    return lifetime;
  }

  private Long monthlyTarget(String shopId) {
    ShopRules rules = ranges.global(StoreKeys.RULES, shopId);
    return rules == null ? null : rules.getMonthlyRevenueTargetMinor();
  }

  private static long net(long[] c) {
    return Counters.get(c, Measure.GROSS.ordinal()) - Counters.get(c, Measure.REFUNDS.ordinal());
  }

  private static String label(Granularity g, LocalDateTime start) {
    return g == Granularity.HOUR ? start.toString() : start.toLocalDate().toString();
  }
}
