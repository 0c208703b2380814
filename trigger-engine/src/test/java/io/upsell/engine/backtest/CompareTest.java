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
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.shop.CartEvent;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.common.LineItem;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One job replays the same records under two rule sets and carries both reports. */
class CompareTest {

  private static final String SHOP = "compare-" + UUID.randomUUID();
  private static final ShopDirectory SHOPS = new ShopDirectory(Map.of(SHOP, new Shop(SHOP, "Shop", ZoneOffset.UTC,
      "GBP", new byte[32], Optional.empty(), "en", new Storefront(Optional.of(URI.create(EngineDriver.STOREFRONT)),
      Map.of()))));
  private static final Instant NOON = Instant.parse("2010-12-06T12:00:00Z");

  @TempDir
  Path stateDir;

  @Test
  void compareShowsDifferenceOfCartDelay() {
    // Three carts are left for good; two are bought 45 minutes after they were filled.
    try (var producer = new BulkProducer(TestKafka.broker().bootstrapServers())) {
      for (int i = 0; i < 5; i++) {
        Instant at = NOON.plus(Duration.ofHours(i));
        producer.send(Topics.SHOP_CARTS, Keys.customer(SHOP, "c" + i), CartEvent.newBuilder().setShopId(SHOP)
            .setCustomerId("c" + i).setEventId("cart-" + i).setOccurredAt(at).setCartId("cart-" + i)
            .setType(CartEventType.ITEM_ADDED).setItems(List.of(line())).setValueMinor(1500).setCurrency("GBP")
            .build(), at.toEpochMilli());
        if (i < 2) {
          Instant bought = at.plus(Duration.ofMinutes(45));
          producer.send(Topics.SHOP_ORDERS, Keys.customer(SHOP, "c" + i), new OrderEvent(OrderPlaced.newBuilder()
              .setShopId(SHOP).setCustomerId("c" + i).setEventId("order-" + i).setOrderId("order-" + i)
              .setOccurredAt(bought).setLines(List.of(line())).setTotalMinor(1500).setCurrency("GBP").build()),
              bought.toEpochMilli());
        }
      }
    }
    Instant from = NOON.minus(Duration.ofHours(1));
    Instant to = NOON.plus(Duration.ofHours(8));
    BacktestJob job = new BacktestJob("compare", SHOP, from, to, true, new BacktestReport(ZoneOffset.UTC),
        new BacktestReport(ZoneOffset.UTC));

    new BacktestRunner(TestConfig.engine(Map.of()), EventSerdes.singleObject(), SHOPS,
        TestKafka.broker().bootstrapServers(), Map.of(), stateDir)
        .run(job, new Scope(SHOP, from.toEpochMilli(), to.toEpochMilli()), replay(30, to), replay(60, to));

    BacktestJob.View done = job.view();
    assertThat(done.status()).as(done.error()).isEqualTo(BacktestJob.Status.DONE);
    assertThat(done.report().firedByType()).containsEntry("CART_ABANDONED", 5L);
    assertThat(done.against().firedByType()).containsEntry("CART_ABANDONED", 3L);
  }

  private static Replay replay(int cartDelayMinutes, Instant to) {
    return new Replay(new RulesBody(null, null, null, null, null, null, 0.0, null,
        Map.of("CART_ABANDONED.delayMinutes", String.valueOf(cartDelayMinutes))).toRecord(SHOP, Instant.EPOCH),
        true, to.toEpochMilli());
  }

  private static LineItem line() {
    return LineItem.newBuilder().setProductId("mug").setQuantity(1).setUnitPriceMinor(1500).build();
  }
}
