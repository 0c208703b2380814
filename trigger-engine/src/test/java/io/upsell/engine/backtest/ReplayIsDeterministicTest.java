package io.upsell.engine.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.upsell.engine.testing.EngineDriver;
import io.upsell.engine.testing.OnlineRetail;
import io.upsell.engine.testing.TestConfig;
import io.upsell.engine.topology.Replay;
import io.upsell.engine.topology.Scope;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.shop.CartEvent;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.testkit.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.net.URI;
import io.upsell.platform.shops.Shop;
import io.upsell.platform.shops.ShopDirectory;
import io.upsell.platform.shops.Storefront;
import io.upsell.testkit.BulkProducer;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

/**
 * The same records and rules give the same report byte for byte: December 2010's orders on shop.orders and carts
 * opened before some of them on shop.carts, both spread over every partition and written carts first, so the order
 * the broker holds them in is not their time order.
 */
class ReplayIsDeterministicTest {

  // A shop of its own: other tests of this JVM write to the same topics.
  private static final String SHOP = "deterministic-" + UUID.randomUUID();
  private static final ShopDirectory SHOPS = new ShopDirectory(Map.of(SHOP, new Shop(SHOP, "Shop", ZoneOffset.UTC,
      "GBP", new byte[32], Optional.empty(), "en", new Storefront(Optional.of(URI.create(EngineDriver.STOREFRONT)),
      Map.of()))));
  private static final Instant FROM = Instant.parse("2010-12-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2010-12-15T00:00:00Z");
  private final EventSerdes serdes = EventSerdes.singleObject();
  @TempDir
  Path stateDir;

  @Test
  void twoRunsOverTheSameHistoryGiveTheSameReport() throws Exception {
    importHistory(OnlineRetail.orders(SHOP));

    String first = backtest("first");
    String second = backtest("second");

    assertThat(first).contains("POST_PURCHASE_CROSS_SELL", "CART_ABANDONED", "FREQUENCY_CAP");
    assertThat(second).isEqualTo(first);
  }

  private String backtest(String id) throws Exception {
    BacktestRunner runner = new BacktestRunner(TestConfig.engine(Map.of("upsell.engine.holdout-percent", "5")), serdes,
        SHOPS, TestKafka.broker().bootstrapServers(), Map.of(), stateDir);
    BacktestJob job = new BacktestJob(id, SHOP, FROM, TO, true, new BacktestReport(ZoneOffset.UTC));
    runner.run(job, new Scope(SHOP, FROM.toEpochMilli(), TO.toEpochMilli()),
        new Replay(null, true, TO.toEpochMilli()));
    assertThat(job.view().status()).as(job.view().error()).isEqualTo(BacktestJob.Status.DONE);
    return new ObjectMapper().writeValueAsString(job.report().snapshot());
  }

  // Every other order had a cart opened 20 minutes before it; every seventh customer's cart is left for good.
  private void importHistory(List<OrderPlaced> orders) {
    try (var producer = new BulkProducer(TestKafka.broker().bootstrapServers())) {
      for (int i = 0; i < orders.size(); i += 2) {
        OrderPlaced order = orders.get(i);
        Instant at = order.getOccurredAt().minus(Duration.ofMinutes(20));
        producer.send(Topics.SHOP_CARTS, Keys.customer(SHOP, order.getCustomerId()), CartEvent.newBuilder()
            .setShopId(SHOP).setCustomerId(order.getCustomerId()).setEventId("cart-" + order.getOrderId())
            .setOccurredAt(at).setCartId("cart-" + order.getOrderId()).setType(CartEventType.ITEM_ADDED)
            .setItems(order.getLines().subList(0, Math.min(2, order.getLines().size())))
            .setValueMinor(order.getTotalMinor()).setCurrency("GBP").build(), at.toEpochMilli());
      }
      producer.flush();
      for (int i = 0; i < orders.size(); i++) {
        OrderPlaced order = orders.get(i);
        if (i % 14 != 0) {
          producer.send(Topics.SHOP_ORDERS, Keys.customer(SHOP, order.getCustomerId()), new OrderEvent(order),
              order.getOccurredAt().toEpochMilli());
        }
      }
    }
  }
}
