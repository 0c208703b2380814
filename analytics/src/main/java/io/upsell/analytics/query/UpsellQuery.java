package io.upsell.analytics.query;

import static io.upsell.analytics.kpi.Counters.get;

import io.upsell.analytics.kpi.Counters;
import io.upsell.analytics.kpi.FunnelMeasure;
import io.upsell.analytics.kpi.Granularity;
import io.upsell.analytics.kpi.Measure;
import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.schemas.upsell.SuppressionReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The upsell answers: funnel per trigger type and variant with send hours, and attribution of revenue. */
public final class UpsellQuery {

  private final StoreRanges ranges;
  private final Duration clickWindow;
  private final Duration viewWindow;

  public UpsellQuery(StoreRanges ranges, Duration clickWindow, Duration viewWindow) {
    this.ranges = ranges;
    this.clickWindow = clickWindow;
    this.viewWindow = viewWindow;
  }

  /**
   * One trigger type and variant through the funnel; rates are of sent messages. {@code downvoted}: "not relevant"
   * answers to its messages, on the day of the answer.
   */
  public record FunnelRow(String triggerType, String variant, long decided, long suppressed,
      Map<String, Long> suppressedByReason, long holdout, long sent, long failed, long unknown, long delivered,
      long opened,
      long clicked, long converted, long attributedRevenueMinor, Double clickThroughRate, Double conversionRate,
      long downvoted) {}

  /** Messages sent in one hour of the day (customer's zone) and how many were opened and clicked. */
  public record SendHour(int hour, long sent, long opened, long clicked, Double clickThroughRate) {}

  public record Funnel(String shopId, String from, String to, List<FunnelRow> rows, List<SendHour> sendHours,
      Integer bestSendHour) {}

  /** Orders and revenue one trigger type and variant earned, by click and by view. */
  public record AttributionRow(String triggerType, String variant, long clickOrders, long clickRevenueMinor,
      long viewOrders, long viewRevenueMinor, long orders, long revenueMinor) {}

  public record Attribution(String shopId, String from, String to, String clickWindow, String viewWindow,
      long attributedRevenueMinor, long grossRevenueMinor, Double attributedShare, List<AttributionRow> rows) {}

  public Funnel funnel(String shopId, DateRange range, String authorization) {
    List<FunnelRow> rows = new ArrayList<>();
    Map<String, Long> downvotes = new TreeMap<>();
    ranges.range(StoreKeys.DOWNVOTES, StoreKeys.dailyFrom(shopId, range.fromDay()),
        StoreKeys.dailyTo(shopId, range.toDay()), authorization).forEach((key, c) -> {
          String[] parts = StoreKeys.parts(key);
          downvotes.merge(parts[2] + "|" + parts[3], get(c, 0), Long::sum);
        });
    Map<String[], long[]> groups = byGroup(shopId, range, authorization);
    groups.keySet().forEach(group -> downvotes.putIfAbsent(group[0] + "|" + group[1], 0L));
    Map<String, long[]> funnels = new TreeMap<>();
    groups.forEach((group, c) -> funnels.put(group[0] + "|" + group[1], c));
    downvotes.forEach((name, downvoted) -> {
      String[] group = name.split("\\|", 2);
      long[] c = funnels.getOrDefault(name, new long[FunnelMeasure.SIZE]);
      Map<String, Long> reasons = new LinkedHashMap<>();
      for (SuppressionReason reason : SuppressionReason.values()) {
        reasons.put(reason.name(), get(c, FunnelMeasure.suppressedBy(reason)));
      }
      long sent = get(c, FunnelMeasure.SENT.ordinal());
      rows.add(new FunnelRow(group[0], group[1], get(c, FunnelMeasure.DECIDED.ordinal()),
          get(c, FunnelMeasure.SUPPRESSED.ordinal()), reasons, get(c, FunnelMeasure.HOLDOUT.ordinal()), sent,
          get(c, FunnelMeasure.FAILED.ordinal()), get(c, FunnelMeasure.UNKNOWN),
          get(c, FunnelMeasure.DELIVERED.ordinal()),
          get(c, FunnelMeasure.OPENED.ordinal()), get(c, FunnelMeasure.CLICKED.ordinal()),
          get(c, FunnelMeasure.CONVERTED.ordinal()), get(c, FunnelMeasure.ATTRIBUTED_REVENUE.ordinal()),
          KpiRow.rate(get(c, FunnelMeasure.CLICKED.ordinal()), sent),
          KpiRow.rate(get(c, FunnelMeasure.CONVERTED.ordinal()), sent), downvoted));
    });
    List<SendHour> hours = sendHours(shopId, range, authorization);
    Integer best = hours.stream().filter(h -> h.sent() > 0)
        .max(Comparator.comparingDouble((SendHour h) -> (double) h.clicked() / h.sent()).thenComparingLong(SendHour::sent))
        .map(SendHour::hour).orElse(null);
    return new Funnel(shopId, range.from().toString(), range.to().toString(), rows, hours, best);
  }

  public Attribution attribution(String shopId, DateRange range, String authorization) {
    List<AttributionRow> rows = new ArrayList<>();
    long[] total = new long[1];
    byGroup(shopId, range, authorization).forEach((group, c) -> {
      long orders = get(c, FunnelMeasure.CONVERTED.ordinal());
      long revenue = get(c, FunnelMeasure.ATTRIBUTED_REVENUE.ordinal());
      total[0] += revenue;
      rows.add(new AttributionRow(group[0], group[1], get(c, FunnelMeasure.CLICK_ORDERS.ordinal()),
          get(c, FunnelMeasure.CLICK_REVENUE.ordinal()), get(c, FunnelMeasure.VIEW_ORDERS.ordinal()),
          get(c, FunnelMeasure.VIEW_REVENUE.ordinal()), orders, revenue));
    });
    long gross = ranges.range(StoreKeys.BUCKETS, StoreKeys.bucket(shopId, Granularity.DAY, range.fromDay()),
            StoreKeys.bucket(shopId, Granularity.DAY, range.toDay() - 1), authorization).values().stream()
        .mapToLong(c -> get(c, Measure.GROSS.ordinal())).sum();
    return new Attribution(shopId, range.from().toString(), range.to().toString(), clickWindow.toString(),
        viewWindow.toString(), total[0], gross, KpiRow.rate(total[0], gross), rows);
  }

  // Funnel counters summed over the days of the range, per [triggerType, variant].
  private Map<String[], long[]> byGroup(String shopId, DateRange range, String authorization) {
    SortedMap<String, long[]> sums = new TreeMap<>();
    ranges.range(StoreKeys.FUNNEL, StoreKeys.dailyFrom(shopId, range.fromDay()),
        StoreKeys.dailyTo(shopId, range.toDay()), authorization).forEach((key, c) -> {
          String[] parts = StoreKeys.parts(key);
          sums.merge(parts[2] + "|" + parts[3], c, Counters::plus);
        });
    Map<String[], long[]> groups = new LinkedHashMap<>();
    sums.forEach((k, c) -> groups.put(k.split("\\|", 2), c));
    return groups;
  }

  private List<SendHour> sendHours(String shopId, DateRange range, String authorization) {
    long[][] byHour = new long[24][3];
    ranges.range(StoreKeys.SEND_HOURS, StoreKeys.dailyFrom(shopId, range.fromDay()),
        StoreKeys.dailyTo(shopId, range.toDay()), authorization).forEach((key, c) -> {
          int hour = Integer.parseInt(StoreKeys.parts(key)[2]);
          for (int i = 0; i < 3; i++) {
            byHour[hour][i] += get(c, i);
          }
        });
    List<SendHour> hours = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      hours.add(new SendHour(h, byHour[h][0], byHour[h][1], byHour[h][2], KpiRow.rate(byHour[h][2], byHour[h][0])));
    }
    return hours;
  }
}
