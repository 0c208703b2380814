package io.upsell.analytics.report;

import io.upsell.analytics.kpi.Granularity;
import io.upsell.platform.shops.Shop;
import io.upsell.schemas.analytics.KpiReport;
import io.upsell.schemas.analytics.ReportPeriod;
import io.upsell.schemas.shop.MarketingSpend;
import io.upsell.schemas.topics.Topics;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Each shop's digests are published by the one stream task that owns the shop's partition of shop.spend (the
 * shop-keyed topic), so with any number of instances each report goes out once: on a wall-clock check it publishes
 * every finished day, week and month not yet published, and records that in a changelogged store in the same
 * exactly-once transaction as the report. A period counts as finished {@link #SETTLE} after its end in the shop's
 * zone (late events have a moment to land); a digest that cannot be built now (a rebalance) is tried next check,
 * and those missed while the service was down (up to {@link #CATCH_UP} of a kind) go out when it is back.
 */
public final class DigestScheduler implements Processor<String, MarketingSpend, String, KpiReport> {

  /** Name of the store of the last period start published per shop and period kind. */
  public static final String SENT = "digests-sent";
  static final Duration SETTLE = Duration.ofMinutes(5);
  static final int CATCH_UP = 7;
  private static final Logger LOG = Logger.getLogger(DigestScheduler.class);

  private final ReportSettings settings;
  private ProcessorContext<String, KpiReport> context;
  private KeyValueStore<String, Long> sent;

  public DigestScheduler(ReportSettings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, KpiReport> context) {
    this.context = context;
    this.sent = context.getStateStore(SENT);
    context.schedule(settings.checkEvery(), PunctuationType.WALL_CLOCK_TIME, this::check);
  }

  @Override
  public void process(Record<String, MarketingSpend> record) {
    // Spend is aggregated elsewhere; this node only rides on the shop-keyed partitions to own each shop once.
  }

  void check(long nowMillis) {
    Instant now = Instant.ofEpochMilli(nowMillis);
    for (Shop shop : settings.shops().get()) {
      if (partitionOf(shop.id()) == context.taskId().partition()) {
        LocalDate today = now.minus(SETTLE).atZone(shop.timeZone()).toLocalDate();
        publishIfDue(shop, ReportPeriod.DAY, today.minusDays(1), now);
        publishIfDue(shop, ReportPeriod.WEEK,
            today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1), now);
        publishIfDue(shop, ReportPeriod.MONTH, today.withDayOfMonth(1).minusMonths(1), now);
      }
    }
  }

  // Every finished period after the last one published, oldest first; after downtime at most CATCH_UP of them,
  // and on a first start only the latest (no digest of all history).
  private void publishIfDue(Shop shop, ReportPeriod period, LocalDate latest, Instant now) {
    String key = shop.id() + "|" + period;
    Long last = sent.get(key);
    Granularity g = Granularity.valueOf(period.name());
    LocalDate start = latest;
    for (int i = 1; last != null && i < CATCH_UP && previous(g, start).toEpochDay() > last; i++) {
      start = previous(g, start);
    }
    for (; !start.isAfter(latest); start = g.next(start.atStartOfDay()).toLocalDate()) {
      if (last != null && last >= start.toEpochDay()) {
        continue;
      }
      try {
        KpiReport report = settings.digests().build(shop, period, start, now);
        context.forward(new Record<>(shop.id(), report, now.toEpochMilli()));
        sent.put(key, start.toEpochDay());
      } catch (RuntimeException e) {
        LOG.warnf("%s digest of shop %s not published yet: %s (next check retries)", period, shop.id(),
            e.getMessage());
        return;
      }
    }
  }

  private static LocalDate previous(Granularity g, LocalDate start) {
    return g.previous(start.atStartOfDay()).toLocalDate();
  }

  /** The partition of shop-keyed topics holding {@code shopId}, as Kafka's default partitioner places it. */
  static int partitionOf(String shopId) {
    return Topics.SHOP_SPEND.partitionOf(shopId);
  }
}
