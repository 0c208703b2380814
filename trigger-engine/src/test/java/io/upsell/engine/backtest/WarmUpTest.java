package io.upsell.engine.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.engine.rules.RulesBody;
import io.upsell.engine.testing.EngineDriver;
import io.upsell.engine.testing.TestConfig;
import io.upsell.engine.topology.Replay;
import io.upsell.engine.topology.Scope;
import io.upsell.platform.shops.Shop;
import io.upsell.platform.shops.ShopDirectory;
import io.upsell.platform.shops.Storefront;
import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.shop.CartEvent;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.testkit.BulkProducer;
import io.upsell.testkit.TestKafka;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events before the range build state over the warm-up; a decision counts only when it falls due inside the range,
 * judged with every event up to then. The events come at midnight, inside the default quiet hours, and days apart: a
 * timer is judged as of its due time, not at the next event's.
 */
class WarmUpTest {

  private static final String SHOP = "warm-up-" + UUID.randomUUID();
  private static final ShopDirectory SHOPS = new ShopDirectory(Map.of(SHOP, new Shop(SHOP, "Shop", ZoneOffset.UTC,
      "GBP", new byte[32], Optional.empty(), "en", new Storefront(Optional.of(URI.create(EngineDriver.STOREFRONT)),
      Map.of()))));
  private static final Instant FROM = Instant.parse("2010-12-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2011-01-01T00:00:00Z");

  @TempDir
  Path stateDir;

  @BeforeAll
  static void history() {
    try (var producer = new BulkProducer(TestKafka.broker().bootstrapServers())) {
      // Last bought 40 days before the range: its 60-day win-back falls due inside it.
      order(producer, "lapsed", FROM.minus(Duration.ofDays(40)));
      // A cart left an hour before the range: its reminder falls due before it, decided but not counted.
      cart(producer, "before", FROM.minus(Duration.ofHours(1)));
      // A cart inside the range bought ten minutes later: its reminder, due inside the range, is cancelled.
      cart(producer, "bought", FROM.plus(Duration.ofDays(1)));
      order(producer, "bought", FROM.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(10)));
      // A cart inside the range left for good.
      cart(producer, "left", FROM.plus(Duration.ofDays(2)));
    }
  }

  @Test
  void aWinBackBuiltDuringTheWarmUpIsCountedWhenDueInsideTheRange() {
    BacktestReport.Snapshot report = backtest(90);

    assertThat(report.firedByType()).as(String.valueOf(report)).containsEntry("WIN_BACK", 1L);
  }

  @Test
  void withoutWarmUpTheRangeKnowsNothingBeforeIt() {
    BacktestReport.Snapshot report = backtest(0);

    assertThat(report.firedByType()).as(String.valueOf(report)).doesNotContainKey("WIN_BACK");
  }

  @Test
  void onlyRemindersDueInsideTheRangeAndNotCancelledAreCounted() {
    BacktestReport.Snapshot report = backtest(90);

    // Counted by decision day: "before"'s first reminder fell due before the range (decided on 1 December, held by
    // quiet hours, not counted), its second step a day later inside it; "bought" was cancelled by its order; "left"
    // fired both steps. A counted first step of "before" or a reminder to "bought" would add to 1 or 2 December.
    assertThat(report.firedByTypeAndDay().get("CART_ABANDONED")).as(String.valueOf(report))
        .isEqualTo(Map.of("2010-12-02", 1L, "2010-12-03", 1L, "2010-12-04", 1L));
  }

  private BacktestReport.Snapshot backtest(int warmUpDays) {
    BacktestJob job = new BacktestJob("warm-up-" + warmUpDays, SHOP, FROM, TO, true, new BacktestReport(ZoneOffset.UTC));
    new BacktestRunner(TestConfig.engine(Map.of()), EventSerdes.singleObject(),
        SHOPS, TestKafka.broker().bootstrapServers(), Map.of(), stateDir)
        .run(job, new Scope(SHOP, FROM.minus(Duration.ofDays(warmUpDays)).toEpochMilli(), TO.toEpochMilli()),
            new Replay(new RulesBody(null, null, null, null, null, null, 0.0, null, Map.of()).toRecord(SHOP,
                Instant.EPOCH), true, TO.toEpochMilli()));
    assertThat(job.view().status()).as(job.view().error()).isEqualTo(BacktestJob.Status.DONE);
    return job.view().report();
  }

  private static void cart(BulkProducer producer, String customer, Instant at) {
    producer.send(Topics.SHOP_CARTS, Keys.customer(SHOP, customer), CartEvent.newBuilder().setShopId(SHOP)
        .setCustomerId(customer).setEventId("cart-" + customer + at).setOccurredAt(at).setCartId("cart-" + customer)
        .setType(CartEventType.ITEM_ADDED).setItems(List.of(line())).setValueMinor(1500).setCurrency("GBP").build(),
        at.toEpochMilli());
  }

  private static void order(BulkProducer producer, String customer, Instant at) {
    producer.send(Topics.SHOP_ORDERS, Keys.customer(SHOP, customer), new OrderEvent(OrderPlaced.newBuilder()
        .setShopId(SHOP).setCustomerId(customer).setEventId("order-" + customer + at).setOrderId("order-" + customer)
        .setOccurredAt(at).setLines(List.of(line())).setTotalMinor(1500).setCurrency("GBP").build()), at.toEpochMilli());
  }

  private static LineItem line() {
    return LineItem.newBuilder().setProductId("mug").setQuantity(1).setUnitPriceMinor(1500).build();
  }
}
