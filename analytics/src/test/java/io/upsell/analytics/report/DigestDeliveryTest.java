package io.upsell.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.analytics.fixtures.Events;
import io.upsell.analytics.kpi.Granularity;
import io.upsell.analytics.query.DateRange;
import io.upsell.analytics.query.KpiQuery;
import io.upsell.analytics.query.KpiRow;
import io.upsell.analytics.query.RemoteRanges;
import io.upsell.analytics.query.StoreRanges;
import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.analytics.stream.AnalyticsSettings;
import io.upsell.analytics.stream.AnalyticsTopology;
import io.upsell.platform.http.ApiException;
import io.upsell.platform.shops.Shop;
import io.upsell.schemas.analytics.KpiReport;
import io.upsell.schemas.analytics.ReportPeriod;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.shop.SalesChannel;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.ShopRules;
import io.upsell.testkit.BulkProducer;
import io.upsell.testkit.TestBroker;
import io.upsell.testkit.TopicRecords;
import io.upsell.testkit.WithKafka;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * The real digest path on the real broker: the topology's scheduler has {@link KpiDigest} build each finished
 * day's digest from the KPI stores on a worker, publishes it to analytics.reports in the exactly-once transaction
 * that records it as sent, and a reader of that topic finds each digest once, in period order, with the day's
 * figures as the KPI query gives them and the recipient the shop rules name. The clock is the test's, so which
 * days are finished does not depend on when the test runs.
 */
@WithKafka
class DigestDeliveryTest {

  private static final ZoneId RIYADH = ZoneId.of("Asia/Riyadh");
  private static final LocalDate SUNDAY = LocalDate.of(2025, 3, 2);
  private static final LocalDate MONDAY = SUNDAY.plusDays(1);
  private static final LocalDate TUESDAY = SUNDAY.plusDays(2);
  private static final String RECIPIENT = "owner@digest-shop.example";

  private final EventSerdes serdes = EventSerdes.singleObject();
  private final String shopId = "digest-" + UUID.randomUUID().toString().substring(0, 8);
  private final Shop shop = new Shop(shopId, "Digest shop", RIYADH, "SAR", new byte[32], Optional.empty());
  // Monday noon: Sunday is the latest finished day, and it has no orders, so an early check reports it right.
  private final MovableClock clock = new MovableClock(MONDAY.atTime(12, 0).atZone(RIYADH).toInstant());

  @Test
  void eachFinishedDaysDigestReachesTheTopicOnceWithTheDaysFigures(TestBroker broker, TopicRecords records)
      throws Exception {
    records.send(Topics.UPSELL_RULES, shopId, rules(), System.currentTimeMillis());
    try (BulkProducer producer = new BulkProducer(broker.bootstrapServers())) {
      order(producer, "c1", MONDAY, 1_000);
      order(producer, "c2", MONDAY, 2_500);
      order(producer, "c1", TUESDAY, 4_000);
      order(producer, "c3", TUESDAY, 500);
      order(producer, "c3", TUESDAY, 700);
    }
    AtomicReference<KpiDigest> digests = new AtomicReference<>();
    ExecutorService builds = Executors.newSingleThreadExecutor();
    ReportSettings settings = new ReportSettings(() -> List.of(shop),
        (s, period, start, now) -> digests.get().build(s, period, start, now), builds, Duration.ofMillis(300), clock);
    try (KafkaStreams streams = new KafkaStreams(AnalyticsTopology.build(serdes,
        AnalyticsSettings.defaults(id -> RIYADH, id -> "GBP"), settings), props(broker))) {
      StoreRanges ranges = new StoreRanges(streams, new RemoteRanges(), 3, 2);
      KpiQuery kpis = new KpiQuery(ranges);
      digests.set(new KpiDigest(kpis, ranges));
      streams.start();
      awaitCounted(kpis, ranges);
      // Sunday's digest (the first start publishes only the latest finished day) before Monday and Tuesday end.
      assertThat(records.await(Topics.ANALYTICS_REPORTS, r -> ours(r) && r.value().getPeriod() == ReportPeriod.DAY,
          1, Duration.ofSeconds(60))).extracting(r -> r.value().getReportId())
          .containsExactly(shopId + ":DAY:" + SUNDAY);

      clock.set(TUESDAY.plusDays(1).atTime(0, 10).atZone(RIYADH).toInstant());
      List<KpiReport> days = records.await(Topics.ANALYTICS_REPORTS,
          r -> ours(r) && r.value().getPeriod() == ReportPeriod.DAY, 3, Duration.ofSeconds(60))
          .stream().map(ConsumerRecord::value).toList();

      assertThat(days).extracting(KpiReport::getReportId).containsExactly(
          shopId + ":DAY:" + SUNDAY, shopId + ":DAY:" + MONDAY, shopId + ":DAY:" + TUESDAY);
      for (KpiReport day : days.subList(1, 3)) {
        KpiRow row = kpis.series(shop, Granularity.DAY, new DateRange(day.getPeriodStart(),
            day.getPeriodStart().plusDays(1)), null).series().get(0);
        assertThat(day.getFigures()).containsEntry("orders", row.orders())
            .containsEntry("grossRevenueMinor", row.grossRevenueMinor())
            .containsEntry("customers", row.customers());
        assertThat(day.getRecipient()).isEqualTo(RECIPIENT);
      }
      assertThat(days.get(1).getFigures()).containsEntry("orders", 2L).containsEntry("grossRevenueMinor", 3_500L);
      assertThat(days.get(2).getFigures()).containsEntry("orders", 3L).containsEntry("grossRevenueMinor", 5_200L)
          .containsEntry("customers", 2L);

      // Many more checks later in the day: still one record per digest.
      Thread.sleep(1_500);
      Map<String, Long> copies = records.readAll(Topics.ANALYTICS_REPORTS, this::ours, Duration.ofSeconds(2))
          .stream().collect(Collectors.groupingBy(r -> r.value().getReportId(), Collectors.counting()));
      assertThat(copies).hasSize(5).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1L));
    } finally {
      builds.shutdownNow();
    }
  }

  private boolean ours(ConsumerRecord<String, KpiReport> record) {
    return shopId.equals(record.key());
  }

  private void order(BulkProducer producer, String customer, LocalDate day, long totalMinor) {
    Instant at = day.atTime(15, 0).atZone(RIYADH).toInstant();
    producer.send(Topics.SHOP_ORDERS, Keys.customer(shopId, customer), Events.order(shopId, customer,
        "o-" + UUID.randomUUID(), at, totalMinor, 1, SalesChannel.DIRECT), at.toEpochMilli());
  }

  // Bounded: both days counted and the rules in the global table, or the test fails after 60 s.
  private void awaitCounted(KpiQuery kpis, StoreRanges ranges) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        var series = kpis.series(shop, Granularity.DAY, new DateRange(MONDAY, TUESDAY.plusDays(1)), null).series();
        ShopRules rules = ranges.global(StoreKeys.RULES, shopId);
        if (series.get(0).orders() == 2 && series.get(1).orders() == 3 && rules != null) {
          return;
        }
        last = "orders " + series.get(0).orders() + "/" + series.get(1).orders() + ", rules " + rules;
      } catch (ApiException e) {
        last = e.getMessage();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("orders not counted within 60 s: " + last);
  }

  private Properties props(TestBroker broker) throws Exception {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "analytics-digests-" + UUID.randomUUID());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("digests").toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    return props;
  }

  // Every field set: Avro fills defaults through its global SpecificData, whose class loader may not be the test's.
  private ShopRules rules() {
    return ShopRules.newBuilder().setShopId(shopId).setUpdatedAt(Instant.now()).setShopName(null)
        .setTimeZone(null).setCurrency(null).setEnabledTriggers(null).setCapPerDay(null).setCapPerWeek(null)
        .setQuietHoursStart(null).setQuietHoursEnd(null).setHoldoutPercent(null)
        .setMonthlyRevenueTargetMinor(null).setSettings(Map.of(KpiDigest.RECIPIENT_SETTING, RECIPIENT)).build();
  }
}
