package io.upsell.analytics.report;

import io.upsell.analytics.kpi.Granularity;
import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.analytics.query.DateRange;
import io.upsell.analytics.query.KpiQuery;
import io.upsell.analytics.query.KpiRow;
import io.upsell.analytics.query.StoreRanges;
import io.upsell.platform.shops.Shop;
import io.upsell.schemas.analytics.KpiReport;
import io.upsell.schemas.analytics.ReportPeriod;
import io.upsell.schemas.rules.RuleSettings;
import io.upsell.schemas.upsell.ShopRules;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The digest of one shop's finished day, week or month: the period's row of the KPI answer as named figures
 * (money in minor units, rates in basis points), to the recipient the shop rules' {@code report.recipient} setting
 * names, with an id fixed by shop, period and start so a repeat is one report to the notifier. {@code periodEnd}
 * is the period's last day.
 */
public final class KpiDigest {

  static final String RECIPIENT_SETTING = RuleSettings.REPORT_RECIPIENT;

  private final KpiQuery kpis;
  private final StoreRanges ranges;

  public KpiDigest(KpiQuery kpis, StoreRanges ranges) {
    this.kpis = kpis;
    this.ranges = ranges;
  }

  /** Reads the KPI stores (of other instances too): blocking, so never on a stream thread. */
  public KpiReport build(Shop shop, ReportPeriod period, LocalDate start, Instant now) {
    ShopRules rules = ranges.global(StoreKeys.RULES, shop.id());
    String recipient = rules == null ? null : rules.getSettings().get(RECIPIENT_SETTING);
    Granularity g = Granularity.valueOf(period.name());
    LocalDate end = g.next(start.atStartOfDay()).toLocalDate();
    KpiRow row = kpis.series(shop, g, new DateRange(start, end), null).series().get(0);
    Map<String, Long> figures = new LinkedHashMap<>();
    figures.put("grossRevenueMinor", row.grossRevenueMinor());
    figures.put("refundsMinor", row.refundsMinor());
    figures.put("netRevenueMinor", row.netRevenueMinor());
    figures.put("orders", row.orders());
    figures.put("units", row.units());
    figures.put("customers", row.customers());
    figures.put("newCustomers", row.newCustomers());
    figures.put("returningCustomers", row.returningCustomers());
    putIfKnown(figures, "aovMinor", row.aovMinor());
    putIfKnown(figures, "conversionRateBp", basisPoints(row.conversionRate()));
    putIfKnown(figures, "cartAbandonmentRateBp", basisPoints(row.cartAbandonmentRate()));
    putIfKnown(figures, "targetMinor", row.targetMinor());
    putIfKnown(figures, "targetProgressBp", basisPoints(row.targetProgress()));
    return KpiReport.newBuilder().setShopId(shop.id()).setReportId(shop.id() + ":" + period + ":" + start)
        .setPeriod(period).setPeriodStart(start).setPeriodEnd(end.minusDays(1)).setCurrency(shop.currency())
        .setRecipient(recipient).setFigures(figures).setGeneratedAt(now).build();
  }

  private static Long basisPoints(Double rate) {
    return rate == null ? null : Math.round(rate * 10_000);
  }

  private static void putIfKnown(Map<String, Long> figures, String name, Long value) {
    if (value != null) {
      figures.put(name, value);
    }
  }
}
