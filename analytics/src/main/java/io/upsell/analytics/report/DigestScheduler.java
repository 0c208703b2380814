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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Each shop's digests are published by the one stream task that owns the shop's partition of shop.spend (the
 * shop-keyed topic), so with any number of instances each report goes out once: the task forwards a digest and
 * records it in a changelogged store in one exactly-once transaction. Building a digest queries the KPI stores,
 * perhaps of other instances over HTTP, so it runs on {@link ReportSettings#builds()}, never on the stream thread:
 * a wall-clock check starts the build of the next finished period due, and a frequent collect publishes what has
 * been built, in period order. A period counts as finished {@link #SETTLE} after its end in the shop's zone (late
 * events have a moment to land); a build that fails, or runs longer than {@link #BUILD_TIMEOUT} from the moment a
 * worker began it (it is then interrupted), is started again by a later check, as is one the workers refused at
 * shutdown; a build for a period no longer due is cancelled; digests missed while the service was down (up to
 * {@link #CATCH_UP} of a kind) go out when it is back.
 */
public final class DigestScheduler implements Processor<String, MarketingSpend, String, KpiReport> {

  /** Name of the store of the last period start published per shop and period kind. */
  public static final String SENT = "digests-sent";
  static final Duration SETTLE = Duration.ofMinutes(5);
  static final int CATCH_UP = 7;
  static final Duration COLLECT_EVERY = Duration.ofSeconds(1);
  static final Duration BUILD_TIMEOUT = Duration.ofMinutes(2);
  private static final Logger LOG = Logger.getLogger(DigestScheduler.class);

  /**
   * A digest being built off the stream thread; {@code startedAt} is stamped when a worker begins it (queue wait is
   * no build time), and cancelling the task interrupts a running build.
   */
  private record Build(Shop shop, ReportPeriod period, LocalDate start, AtomicReference<Instant> startedAt,
      FutureTask<KpiReport> report) {

    boolean outlived(Instant now) {
      Instant started = startedAt.get();
      return started != null && now.isAfter(started.plus(BUILD_TIMEOUT));
    }
  }

  private final ReportSettings settings;
  /** Per shop and period kind, the one digest being built: one at a time, so they go out in period order. */
  private final Map<String, Build> building = new HashMap<>();
  private ProcessorContext<String, KpiReport> context;
  private KeyValueStore<String, Long> sent;

  public DigestScheduler(ReportSettings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, KpiReport> context) {
    this.context = context;
    this.sent = context.getStateStore(SENT);
    context.schedule(settings.checkEvery(), PunctuationType.WALL_CLOCK_TIME, at -> check());
    context.schedule(COLLECT_EVERY, PunctuationType.WALL_CLOCK_TIME, at -> collect());
  }

  @Override
  public void process(Record<String, MarketingSpend> record) {
    // Spend is aggregated elsewhere; this node only rides on the shop-keyed partitions to own each shop once.
  }

  @Override
  public void close() {
    // A task that moves away leaves its builds to the new owner, which has not recorded them as sent.
    building.values().forEach(build -> build.report().cancel(true));
    building.clear();
  }

  void check() {
    Instant now = settings.clock().instant();
    for (Shop shop : settings.shops().get()) {
      if (partitionOf(shop.id()) == context.taskId().partition()) {
        for (ReportPeriod period : ReportPeriod.values()) {
          advance(shop, period, now);
        }
      }
    }
  }

  private void collect() {
    if (!building.isEmpty()) {
      Instant now = settings.clock().instant();
      List.copyOf(building.values()).forEach(build -> advance(build.shop(), build.period(), now));
    }
  }

  // Publishes the shop's built digests of one kind in period order and starts the build of the next one due.
  private void advance(Shop shop, ReportPeriod period, Instant now) {
    String key = shop.id() + "|" + period;
    for (LocalDate due = due(key, shop, period, now); due != null; due = due(key, shop, period, now)) {
      Build build = building.get(key);
      if (build == null || !build.start().equals(due)) {
        if (build != null) {
          build.report().cancel(true);
        }
        build = start(shop, period, due);
        if (build == null) {
          building.remove(key);
          return;
        }
        building.put(key, build);
      }
      if (!build.report().isDone()) {
        if (build.outlived(now)) {
          LOG.warnf("%s digest of shop %s not built within %s (next check retries)", period, shop.id(),
              BUILD_TIMEOUT);
          build.report().cancel(true);
          building.remove(key);
        }
        return;
      }
      building.remove(key);
      if (!publish(build, key, now)) {
        return;
      }
    }
    building.remove(key);
  }

  // Null when the workers refuse it (the service is shutting down): the next check, if any, tries again.
  private Build start(Shop shop, ReportPeriod period, LocalDate start) {
    AtomicReference<Instant> startedAt = new AtomicReference<>();
    FutureTask<KpiReport> report = new FutureTask<>(() -> {
      Instant begun = settings.clock().instant();
      startedAt.set(begun);
      return settings.digests().build(shop, period, start, begun);
    });
    try {
      settings.builds().execute(report);
    } catch (RejectedExecutionException e) {
      LOG.infof("%s digest of shop %s not started: the digest workers are shut down", period, shop.id());
      return null;
    }
    return new Build(shop, period, start, startedAt, report);
  }

  // A failed build is logged and left to the next check; the forward's own errors (a fenced producer) propagate.
  private boolean publish(Build build, String key, Instant now) {
    KpiReport report;
    try {
      report = build.report().get();
    } catch (ExecutionException | CancellationException | InterruptedException e) {
      LOG.warnf("%s digest of shop %s not built: %s (next check retries)", build.period(), build.shop().id(),
          e.getCause() == null ? e.toString() : e.getCause().getMessage());
      return false;
    }
    context.forward(new Record<>(build.shop().id(), report, now.toEpochMilli()));
    sent.put(key, build.start().toEpochDay());
    if (report.getRecipient() == null) {
      settings.unaddressed().accept(report);
    }
    return true;
  }

  // The first finished period after the last one published, oldest first; after downtime at most CATCH_UP back,
  // and on a first start only the latest (no digest of all history). Null when none is due.
  private LocalDate due(String key, Shop shop, ReportPeriod period, Instant now) {
    Granularity g = Granularity.valueOf(period.name());
    LocalDate latest = latestFinished(period, now.minus(SETTLE).atZone(shop.timeZone()).toLocalDate());
    Long last = sent.get(key);
    if (last == null) {
      return latest;
    }
    LocalDate start = latest;
    for (int i = 1; i < CATCH_UP && previous(g, start).toEpochDay() > last; i++) {
      start = previous(g, start);
    }
    return start.toEpochDay() > last ? start : null;
  }

  private static LocalDate latestFinished(ReportPeriod period, LocalDate today) {
    return switch (period) {
      case DAY -> today.minusDays(1);
      case WEEK -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
      case MONTH -> today.withDayOfMonth(1).minusMonths(1);
    };
  }

  private static LocalDate previous(Granularity g, LocalDate start) {
    return g.previous(start.atStartOfDay()).toLocalDate();
  }

  /** The partition of shop-keyed topics holding {@code shopId}, as Kafka's default partitioner places it. */
  static int partitionOf(String shopId) {
    return Topics.SHOP_SPEND.partitionOf(shopId);
  }
}
