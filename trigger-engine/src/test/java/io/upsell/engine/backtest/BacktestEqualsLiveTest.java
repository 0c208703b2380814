package io.upsell.engine.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.engine.config.EngineConfig;
import io.upsell.engine.testing.TestConfig;
import io.upsell.engine.topology.EngineTopology;
import io.upsell.engine.topology.Replay;
import io.upsell.engine.topology.Scope;
import io.upsell.platform.shops.ShopDirectory;
import io.upsell.schemas.app.CourseProgress;
import io.upsell.schemas.app.UsageReported;
import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.shop.CartEvent;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.SuppressedTrigger;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.testkit.BulkProducer;
import io.upsell.testkit.TestBroker;
import io.upsell.testkit.TopicRecords;
import io.upsell.testkit.WithKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * A backtest over a stretch of live traffic decides what the live engine decided: the live topology runs as Kafka
 * Streams on the real broker over a shop's events, then the backtest replays the same records over their range, and
 * both must have fired the same trigger ids and refused the same triggers for the same reasons.
 *
 * <p>How both decide the same within a short test, though live timers follow the wall clock and a backtest's the
 * history's time: every event is stamped in the recent past (the last ten minutes), so a cart reminder is already due
 * when the live engine reads its cart and fires at once, and the backtest fires it at its due time, inside the range
 * that ends when the backtest starts. Each customer's cart falls due after all of that customer's other events, so
 * the live engine, which reads a backlog in time order per customer but fires timers on punctuation, judges it after
 * them as the backtest does. The events are on the broker before the live engine starts (a running engine takes what
 * arrives, not what happened first). Later steps (the second cart reminder, a day on) are due after the range: pending
 * in the backtest, not yet judged live.
 */
@WithKafka
class BacktestEqualsLiveTest {

  private static final String SHOP = "live-vs-backtest";
  private static final int CUSTOMERS = 8;
  // Holdout and a cap of two emails a day refuse some; customers without a profile have no consent.
  private static final EngineConfig CONFIG = TestConfig.engine(Map.of("upsell.engine.holdout-percent", "25",
      "upsell.engine.cap-per-day", "2", "upsell.engine.quiet-hours-start", "00:00",
      "upsell.engine.quiet-hours-end", "00:00"));
  private final EventSerdes serdes = EventSerdes.singleObject();

  @Test
  void backtestOverLiveTrafficDecidesWhatTheLiveEngineDecided(TestBroker broker, TopicRecords records)
      throws Exception {
    String shop = SHOP;
    Instant start = Instant.now().minus(Duration.ofMinutes(10));
    int candidates = send(broker, shop, start);

    Decisions live = live(broker, records, shop, candidates);
    Decisions backtest = backtest(broker, shop, start.minus(Duration.ofHours(2)), Instant.now());

    System.out.printf("[backtest = live] live: %s%n[backtest = live] backtest: %s%n", live, backtest);
    assertThat(live.fired()).hasSizeGreaterThan(3);
    assertThat(live.refusals()).containsKeys("NO_CONSENT", "HOLDOUT", "FREQUENCY_CAP");
    // A reminder fired on the live engine's timer, not only refused.
    assertThat(live.firedTypes()).contains("CART_ABANDONED", "COURSE_COMPLETED", "STORAGE_NEAR_FULL");
    assertThat(backtest.fired()).isEqualTo(live.fired());
    assertThat(backtest.refusals()).isEqualTo(live.refusals());
    assertThat(backtest.refusalsByType()).isEqualTo(live.refusalsByType());
  }

  /** Fired triggers as "type id" (sorted), and refusals counted by reason, and by type and reason. */
  private record Decisions(List<String> fired, Map<String, Long> refusals,
      Map<String, Map<String, Long>> refusalsByType) {

    Set<String> firedTypes() {
      return fired.stream().map(f -> f.substring(0, f.indexOf(' '))).collect(Collectors.toSet());
    }
  }

  private Decisions live(TestBroker broker, TopicRecords records, String shop, int candidates) throws Exception {
    try (KafkaStreams engine = new KafkaStreams(EngineTopology.build(CONFIG, serdes, new ShopDirectory(Map.of()),
        new Scope(shop, Long.MIN_VALUE, Long.MAX_VALUE), null, EngineTopology.toLiveTopics(serdes)),
        liveProps(broker, shop))) {
      engine.start();
      awaitDecisions(records, shop, candidates);
    }
    List<String> fired = records.readAll(Topics.UPSELL_TRIGGERS, r -> r.value().getShopId().equals(shop),
        Duration.ofSeconds(2)).stream().map(r -> r.value().getType() + " " + r.value().getTriggerId()).sorted().toList();
    List<SuppressedTrigger> refused = records.readAll(Topics.UPSELL_SUPPRESSED,
        r -> r.value().getTrigger().getShopId().equals(shop), Duration.ofSeconds(2)).stream()
        .map(ConsumerRecord::value).toList();
    Map<String, Long> byReason = new TreeMap<>();
    Map<String, Map<String, Long>> byType = new TreeMap<>();
    for (SuppressedTrigger s : refused) {
      String reason = s.getSuppressionReason().name();
      byReason.merge(reason, 1L, Long::sum);
      byType.computeIfAbsent(s.getTrigger().getType().name(), k -> new TreeMap<>()).merge(reason, 1L, Long::sum);
    }
    return new Decisions(fired, byReason, byType);
  }

  // Every event's decision is out (fired or refused) once this many have been published for the shop.
  private static void awaitDecisions(TopicRecords records, String shop, int decisions) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      int fired = records.readAll(Topics.UPSELL_TRIGGERS, r -> r.value().getShopId().equals(shop),
          Duration.ofMillis(500)).size();
      int refused = records.readAll(Topics.UPSELL_SUPPRESSED, r -> r.value().getTrigger().getShopId().equals(shop),
          Duration.ofMillis(500)).size();
      if (fired + refused >= decisions) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the live engine did not decide " + decisions + " triggers within 90 s");
  }

  private Decisions backtest(TestBroker broker, String shop, Instant from, Instant to) throws Exception {
    BacktestRunner runner = new BacktestRunner(CONFIG, serdes, new ShopDirectory(Map.of()), broker.bootstrapServers(),
        Map.of(), Files.createTempDirectory("backtest-vs-live"));
    BacktestJob job = new BacktestJob("vs-live", shop, from, to, false, new BacktestReport(ZoneOffset.UTC));
    runner.run(job, new Scope(shop, from.toEpochMilli(), to.toEpochMilli()),
        new Replay(null, false, to.toEpochMilli()));
    assertThat(job.view().status()).as(job.view().error()).isEqualTo(BacktestJob.Status.DONE);
    BacktestReport.Snapshot report = job.report().snapshot();
    // The report keeps the first triggers of each type as samples: here, every one of them.
    report.firedByType().forEach((type, count) ->
        assertThat(report.samplesByType().get(type)).as(type).hasSize(count.intValue()));
    List<String> fired = report.samplesByType().values().stream().flatMap(List::stream)
        .map(t -> t.get("type").asText() + " " + t.get("triggerId").asText()).sorted().toList();
    return new Decisions(fired, report.suppressedByReason(), report.suppressedByTypeAndReason());
  }

  private static Properties liveProps(TestBroker broker, String shop) throws Exception {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "engine-" + shop);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("live-vs-backtest").toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    return props;
  }

  /**
   * Per customer i, {@code start} + i s on: a cart left idle so that its reminder falls due a minute after
   * {@code start} + i s, after the customer's other events; before it, unless i % 4 == 2 (a cart and nothing else),
   * storage at 85% (and 96% for odd i) and the intro course finished (and a second course when i % 4 == 0).
   * Customers 3 and 5 have no profile (no consent), the others consent an hour before. Returns the number of events
   * that each lead to one decision (all but the profiles).
   */
  private static int send(TestBroker broker, String shop, Instant start) {
    int candidates = 0;
    try (BulkProducer out = new BulkProducer(broker.bootstrapServers())) {
      for (int i = 0; i < CUSTOMERS; i++) {
        String customer = "c" + i;
        String key = Keys.customer(shop, customer);
        long t = start.plusSeconds(i).toEpochMilli();
        if (i != 3 && i != 5) {
          long known = start.minus(Duration.ofHours(1)).toEpochMilli();
          out.send(Topics.CRM_CUSTOMERS, key, CustomerProfile.newBuilder().setShopId(shop).setCustomerId(customer)
              .setEventId("p" + i).setOccurredAt(Instant.ofEpochMilli(known)).setMarketingConsent(true).build(), known);
        }
        boolean cartOnly = i % 4 == 2;
        for (long used : cartOnly ? new long[0] : i % 2 == 1 ? new long[] {85, 96} : new long[] {85}) {
          out.send(Topics.APP_USAGE, key, UsageReported.newBuilder().setShopId(shop).setCustomerId(customer)
              .setEventId("u" + used + "-" + i).setOccurredAt(Instant.ofEpochMilli(t + used)).setResource("storage")
              .setUsedUnits(used).setQuotaUnits(100).build(), t + used);
          candidates++;
        }
        for (String course : cartOnly ? List.<String>of() : i % 4 == 0 ? List.of("intro", "advanced")
            : List.of("intro")) {
          long at = t + (course.equals("intro") ? 200 : 400);
          out.send(Topics.APP_COURSES, key, CourseProgress.newBuilder().setShopId(shop).setCustomerId(customer)
              .setEventId("k-" + course + "-" + i).setOccurredAt(Instant.ofEpochMilli(at)).setCourseId(course)
              .setPercent(100).setCompleted(true).build(), at);
          candidates++;
        }
        long idle = t - Duration.ofMinutes(30).toMillis() + Duration.ofMinutes(1).toMillis();
        out.send(Topics.SHOP_CARTS, key, CartEvent.newBuilder().setShopId(shop).setCustomerId(customer)
            .setEventId("cart" + i).setOccurredAt(Instant.ofEpochMilli(idle)).setCartId("cart").setType(
                CartEventType.ITEM_ADDED).setItems(List.of(LineItem.newBuilder().setProductId("mug").setQuantity(1)
                .setUnitPriceMinor(500).build())).setValueMinor(500).setCurrency("GBP").build(), idle);
        candidates++;
      }
      out.flush();
    }
    return candidates;
  }
}
