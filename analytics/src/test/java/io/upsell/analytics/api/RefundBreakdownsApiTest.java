package io.upsell.analytics.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.upsell.testkit.BulkProducer;
import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.shop.OrderRefunded;
import io.upsell.schemas.shop.SalesChannel;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestKafka;
import io.upsell.testkit.TestShops;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * After refunds every breakdown the API gives adds up to the cent: revenue by channel (with refunds of unknown
 * orders apart) and products (with refunds naming no product apart) both come to the day's net revenue.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class RefundBreakdownsApiTest {

  private static final String SHOP = TestShops.SHOP_A;
  private static final LocalDate DAY = LocalDate.of(2024, 6, 12);

  @Test
  void everyBreakdownComesToNetRevenueAfterRefunds() throws Exception {
    long noon = DAY.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
    try (BulkProducer producer = new BulkProducer(TestKafka.broker().bootstrapServers())) {
      send(producer, placed("r-o1", SalesChannel.EMAIL, noon, line("mug", 2, 1_500)));
      send(producer, placed("r-o2", SalesChannel.SOCIAL, noon, line("lamp", 1, 2_000)));
      send(producer, refunded("r-o1", noon + 3_600_000, 1_500, List.of(line("mug", 1, 1_500))));
      send(producer, refunded("r-o-unknown", noon + 7_200_000, 300, List.of()));
    }

    JsonPath day = awaitDay();
    assertThat(day.getLong("series[0].grossRevenueMinor")).isEqualTo(5_000);
    assertThat(day.getLong("series[0].netRevenueMinor")).isEqualTo(3_200);
    Map<String, Integer> byChannel = day.getMap("series[0].revenueByChannelMinor");
    Map<String, Integer> refundsByChannel = day.getMap("series[0].refundsByChannelMinor");
    assertThat(byChannel).containsEntry("email", 1_500).containsEntry("social", 2_000).containsEntry("direct", 0);
    assertThat(refundsByChannel).containsEntry("email", 1_500).containsEntry("unknown", 300);
    assertThat(byChannel.values().stream().mapToLong(v -> v).sum() - refundsByChannel.get("unknown"))
        .isEqualTo(3_200);

    JsonPath top = shopA().queryParam("from", DAY.toString()).queryParam("to", DAY.plusDays(1).toString())
        .get("/v1/shops/{shop}/products/top", SHOP).then().statusCode(200).extract().jsonPath();
    assertThat(top.getList("products.id", String.class)).containsExactly("lamp", "mug");
    assertThat(top.getLong("products[1].revenueMinor")).isEqualTo(1_500);
    assertThat(top.getLong("products[1].units")).isEqualTo(1);
    assertThat(top.getLong("products[1].returnedUnits")).isEqualTo(1);
    assertThat(top.getLong("unallocatedRefundsMinor")).isEqualTo(300);
    assertThat(top.getList("products.revenueMinor", Integer.class).stream().mapToLong(v -> v).sum()
        - top.getLong("unallocatedRefundsMinor")).isEqualTo(3_200);
  }

  private static JsonPath awaitDay() throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    JsonPath answer = null;
    while (System.nanoTime() < deadline) {
      var response = shopA().queryParam("from", DAY.toString()).queryParam("to", DAY.plusDays(1).toString())
          .get("/v1/shops/{shop}/kpis", SHOP);
      answer = response.jsonPath();
      if (response.statusCode() == 200 && answer.getLong("series[0].refundsMinor") == 1_800) {
        return answer;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("refunds not counted within 30 s: " + (answer == null ? "" : answer.prettify()));
  }

  private static io.restassured.specification.RequestSpecification shopA() {
    return given().header("Authorization", TestShops.bearer(TestShops.SHOP_A_KEY));
  }

  private static void send(BulkProducer producer, OrderEvent event) {
    long at = event.getEvent() instanceof OrderPlaced p ? p.getOccurredAt().toEpochMilli()
        : ((OrderRefunded) event.getEvent()).getOccurredAt().toEpochMilli();
    producer.send(Topics.SHOP_ORDERS, Keys.customer(SHOP, "refunder"), event, at);
  }

  private static OrderEvent placed(String orderId, SalesChannel channel, long at, LineItem line) {
    return new OrderEvent(OrderPlaced.newBuilder().setShopId(SHOP).setCustomerId("refunder").setEventId(orderId)
        .setOccurredAt(java.time.Instant.ofEpochMilli(at)).setOrderId(orderId).setLines(List.of(line))
        .setTotalMinor(line.getQuantity() * line.getUnitPriceMinor()).setCurrency("GBP").setChannel(channel)
        .setDiscountMinor(0).setCouponCode(null).setNotificationId(null).build());
  }

  private static OrderEvent refunded(String orderId, long at, long amount, List<LineItem> lines) {
    return new OrderEvent(OrderRefunded.newBuilder().setShopId(SHOP).setCustomerId("refunder")
        .setEventId("refund-" + orderId).setOccurredAt(java.time.Instant.ofEpochMilli(at)).setOrderId(orderId)
        .setLines(lines).setRefundMinor(amount).setCurrency("GBP").setReason(null).build());
  }

  private static LineItem line(String product, int quantity, long unitPriceMinor) {
    return LineItem.newBuilder().setProductId(product).setSku(null).setName(null).setCategory("home")
        .setQuantity(quantity).setUnitPriceMinor(unitPriceMinor).build();
  }
}
