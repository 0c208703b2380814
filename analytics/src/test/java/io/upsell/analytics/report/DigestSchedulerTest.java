package io.upsell.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.analytics.stream.AnalyticsSettings;
import io.upsell.analytics.stream.AnalyticsTopology;
import io.upsell.platform.shops.Shop;
import io.upsell.schemas.analytics.KpiReport;
import io.upsell.schemas.analytics.ReportPeriod;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topics;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each finished period's digest is published once, by the task owning the shop's shop.spend partition (the driver
 * runs partition 0 only, so a shop of another partition is left to the instance that owns it); repeated checks
 * publish nothing twice; days missed while down go out, in order, on the next check. Digests are built on the
 * executor given, not in the punctuation: a build that has not finished holds the stream thread up for nothing,
 * and a failed one is built again by the next check.
 */
class DigestSchedulerTest {

  private static final ZoneId RIYADH = ZoneId.of("Asia/Riyadh");
  // Wednesday 2025-12-10, 00:30 in Riyadh.
  private static final Instant START = LocalDateTime.of(2025, 12, 10, 0, 30).atZone(RIYADH).toInstant();
  private static final String OURS = shopOnPartition(true);
  private static final String OTHERS = shopOnPartition(false);
  /** The digests a first start publishes: the latest finished day, week and month. */
  private static final List<String> FIRST_DIGESTS = List.of(OURS + ":DAY:2025-12-09", OURS + ":WEEK:2025-12-01",
      OURS + ":MONTH:2025-11-01");

  private final EventSerdes serdes = EventSerdes.singleObject();
  private final MovableClock clock = new MovableClock(START);
  private final AtomicInteger builds = new AtomicInteger();
  private TopologyTestDriver driver;
  private TestOutputTopic<String, KpiReport> reports;

  private void start(ReportSettings.Digests digests, Executor executor) throws Exception {
    start(digests, executor, report -> { });
  }

  private void start(ReportSettings.Digests digests, Executor executor, Consumer<KpiReport> unaddressed)
      throws Exception {
    List<Shop> shops = List.of(shop(OURS), shop(OTHERS));
    ReportSettings settings = new ReportSettings(() -> shops, digests, executor, Duration.ofMinutes(1), clock,
        unaddressed);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "digest-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("digest-ttd").toString());
    driver = new TopologyTestDriver(AnalyticsTopology.build(serdes, AnalyticsSettings.defaults(id -> RIYADH, id -> "GBP"),
        settings), props, START);
    reports = driver.createOutputTopic(Topics.ANALYTICS_REPORTS.name(), serdes.keySerde().deserializer(),
        serdes.valueSerde(Topics.ANALYTICS_REPORTS).deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void theOwningTaskPublishesEachFinishedPeriodOnceAndCatchesUpADayItMissed() throws Exception {
    start(this::digest, Runnable::run);
    advance(Duration.ofMinutes(1));
    advance(Duration.ofMinutes(1));

    assertThat(published()).containsExactlyInAnyOrderElementsOf(FIRST_DIGESTS);

    advance(Duration.ofHours(12));
    assertThat(reports.isEmpty()).isTrue();

    // Down from Wednesday noon to Friday 00:32: Wednesday's digest (due Thursday) and Thursday's go out, in order.
    advance(Duration.ofHours(36));
    assertThat(reports.readValuesToList()).extracting(KpiReport::getReportId)
        .containsExactly(OURS + ":DAY:2025-12-10", OURS + ":DAY:2025-12-11");
    assertThat(builds).hasValue(5);
  }

  @Test
  void eachDigestPublishedWithoutARecipientIsReportedOnceAndAnAddressedOneIsNot() throws Exception {
    List<String> unaddressed = new ArrayList<>();
    start((shop, period, start, now) -> {
      KpiReport report = digest(shop, period, start, now);
      if (period == ReportPeriod.WEEK) {
        report.setRecipient("owner@example.test");
      }
      return report;
    }, Runnable::run, report -> unaddressed.add(report.getReportId()));
    advance(Duration.ofMinutes(1));
    advance(Duration.ofMinutes(1));

    // Still published (the notifier decides), but no longer silently: the day and the month had no recipient.
    assertThat(published()).containsExactlyInAnyOrderElementsOf(FIRST_DIGESTS);
    assertThat(unaddressed).containsExactlyInAnyOrder(OURS + ":DAY:2025-12-09", OURS + ":MONTH:2025-11-01");
  }

  @Test
  void aBuildStillRunningHoldsNothingUpAndItsDigestGoesOutWhenDone() throws Exception {
    Queue<Runnable> pending = new ArrayDeque<>();
    start(this::digest, pending::add);

    advance(Duration.ofMinutes(1));
    advance(Duration.ofMinutes(1));
    assertThat(pending).hasSize(3);
    assertThat(builds).hasValue(0);
    assertThat(reports.isEmpty()).isTrue();

    pending.forEach(Runnable::run);
    advance(DigestScheduler.COLLECT_EVERY);
    assertThat(published()).containsExactlyInAnyOrderElementsOf(FIRST_DIGESTS);
  }

  @Test
  void aFailedBuildIsBuiltAgainByTheNextCheckAndPublishedOnce() throws Exception {
    AtomicInteger dayAttempts = new AtomicInteger();
    start((shop, period, start, now) -> {
      if (period == ReportPeriod.DAY && dayAttempts.incrementAndGet() == 1) {
        throw new IllegalStateException("the other instance did not answer");
      }
      return digest(shop, period, start, now);
    }, Runnable::run);

    advance(Duration.ofMinutes(1));
    assertThat(reports.readValuesToList()).extracting(KpiReport::getReportId)
        .containsExactlyInAnyOrder(OURS + ":WEEK:2025-12-01", OURS + ":MONTH:2025-11-01");

    advance(Duration.ofMinutes(1));
    advance(Duration.ofMinutes(1));
    assertThat(reports.readValuesToList()).extracting(KpiReport::getReportId)
        .containsExactly(OURS + ":DAY:2025-12-09");
    assertThat(dayAttempts).hasValue(2);
  }

  @Test
  void aBuildWaitingForAWorkerIsNotTimedOutAndGoesOutOnceRun() throws Exception {
    Queue<Runnable> pending = new ArrayDeque<>();
    start(this::digest, pending::add);
    advance(Duration.ofMinutes(1));
    assertThat(pending).hasSize(3);

    advance(DigestScheduler.BUILD_TIMEOUT.plusMinutes(1));
    advance(Duration.ofMinutes(1));
    assertThat(pending).as("no build given up and started again while queued").hasSize(3);

    pending.forEach(Runnable::run);
    advance(DigestScheduler.COLLECT_EVERY);
    assertThat(published()).containsExactlyInAnyOrderElementsOf(FIRST_DIGESTS);
  }

  @Test
  void aRunningBuildOutlivingTheTimeoutFromItsStartIsInterruptedAndBuiltAgain() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    AtomicInteger dayAttempts = new AtomicInteger();
    ExecutorService workers = Executors.newFixedThreadPool(2);
    try {
      start((shop, period, start, now) -> {
        if (period == ReportPeriod.DAY && dayAttempts.incrementAndGet() == 1) {
          running.countDown();
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            interrupted.countDown();
          }
          throw new IllegalStateException("the other instance did not answer");
        }
        return digest(shop, period, start, now);
      }, workers);
      advance(Duration.ofMinutes(1));
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

      advance(DigestScheduler.BUILD_TIMEOUT.plusSeconds(1));
      assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the stalled build was interrupted").isTrue();

      advance(Duration.ofMinutes(1));
      assertThat(awaitReports(3)).extracting(KpiReport::getReportId)
          .containsExactlyInAnyOrderElementsOf(FIRST_DIGESTS);
      assertThat(dayAttempts).hasValue(2);
    } finally {
      workers.shutdownNow();
    }
  }

  @Test
  void aQueuedBuildOfAPeriodNoLongerDueIsCancelledWhenReplaced() throws Exception {
    Queue<Runnable> pending = new ArrayDeque<>();
    start(this::digest, pending::add);
    advance(Duration.ofMinutes(1));
    assertThat(pending).hasSize(3);

    // A day later, before any worker ran: the latest finished day is now the 10th, and its build replaces the 9th's.
    advance(Duration.ofDays(1));
    assertThat(pending).hasSize(4);
    pending.forEach(Runnable::run);
    advance(DigestScheduler.COLLECT_EVERY);

    assertThat(builds).as("the replaced build never ran").hasValue(3);
    assertThat(reports.readValuesToList()).extracting(KpiReport::getReportId).containsExactlyInAnyOrder(
        OURS + ":DAY:2025-12-10", OURS + ":WEEK:2025-12-01", OURS + ":MONTH:2025-11-01");
  }

  @Test
  void workersRefusingBuildsAtShutdownLeaveTheStreamThreadRunningAndTheNextCheckRetries() throws Exception {
    AtomicBoolean shutDown = new AtomicBoolean(true);
    start(this::digest, task -> {
      if (shutDown.get()) {
        throw new RejectedExecutionException("shut down");
      }
      task.run();
    });

    advance(Duration.ofMinutes(1));
    assertThat(reports.isEmpty()).isTrue();

    shutDown.set(false);
    advance(Duration.ofMinutes(1));
    assertThat(reports.readValuesToList()).hasSize(3);
  }

  private List<String> published() {
    return reports.readValuesToList().stream().map(KpiReport::getReportId).toList();
  }

  // Builds on real workers finish in their own time: collect (bounded) until n digests are out.
  private List<KpiReport> awaitReports(int n) throws InterruptedException {
    List<KpiReport> out = new java.util.ArrayList<>();
    for (int i = 0; i < 200 && out.size() < n; i++) {
      advance(DigestScheduler.COLLECT_EVERY);
      out.addAll(reports.readValuesToList());
      Thread.sleep(50);
    }
    return out;
  }

  private void advance(Duration duration) {
    clock.advance(duration);
    driver.advanceWallClockTime(duration);
  }

  private KpiReport digest(Shop shop, ReportPeriod period, LocalDate start, Instant now) {
    builds.incrementAndGet();
    return KpiReport.newBuilder().setShopId(shop.id()).setReportId(shop.id() + ":" + period + ":" + start)
        .setPeriod(period).setPeriodStart(start).setPeriodEnd(start).setCurrency("SAR").setRecipient(null)
        .setFigures(Map.of("orders", 1L)).setGeneratedAt(now).build();
  }

  private static Shop shop(String id) {
    return new Shop(id, id, RIYADH, "SAR", new byte[32], Optional.empty());
  }

  private static String shopOnPartition(boolean zero) {
    return IntStream.range(0, 100).mapToObj(i -> "shop-" + i)
        .filter(id -> (DigestScheduler.partitionOf(id) == 0) == zero).findFirst().orElseThrow();
  }
}
