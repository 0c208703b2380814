package io.upsell.analytics.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.shop.OrderCancelled;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.shop.SalesChannel;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.testkit.BulkProducer;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestKafka;
import io.upsell.testkit.TestShops;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Orders in a currency other than the shop's (shop A counts in GBP) are never summed into its money figures: the
 * KPI answer shows them apart under their ISO code, in JSON and CSV, for days and months alike.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class OtherCurrenciesApiTest {

  private static final String SHOP = TestShops.SHOP_A;
  private static final LocalDate DAY = LocalDate.of(1997, 5, 20);

  @Test
  void ordersInAnotherCurrencyAreReportedApartAndNeverSummedIntoTheShopsFigures() throws Exception {
    long noon = DAY.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
    try (BulkProducer producer = new BulkProducer(TestKafka.broker().bootstrapServers())) {
      send(producer, "fx-gbp", placed("fx-gbp", "fx-o1", "GBP", noon, 5_000));
      send(producer, "fx-usd", placed("fx-usd", "fx-o2", "USD", noon, 4_000));
      send(producer, "fx-usd", cancelled("fx-usd", "fx-o2", "USD", noon + 60_000, 1_000));
      send(producer, "fx-eur", placed("fx-eur", "fx-o3", "EUR", noon, 2_000));
    }

    JsonPath day = await("day");
    assertThat(day.getString("currency")).isEqualTo("GBP");
    assertThat(day.getLong("series[0].grossRevenueMinor")).isEqualTo(5_000);
    assertThat(day.getLong("series[0].refundsMinor")).isZero();
    assertThat(day.getLong("series[0].orders")).isEqualTo(1);
    assertThat(day.getLong("series[0].aovMinor")).isEqualTo(5_000);
    assertThat(day.getLong("series[0].revenueByChannelMinor.direct")).isEqualTo(5_000);
    assertThat(day.getLong("series[0].customers")).as("every buyer is a customer").isEqualTo(3);
    assertThat(day.getLong("series[0].otherCurrencies.USD.grossRevenueMinor")).isEqualTo(4_000);
    assertThat(day.getLong("series[0].otherCurrencies.USD.refundsMinor")).isEqualTo(1_000);
    assertThat(day.getLong("series[0].otherCurrencies.USD.netRevenueMinor")).isEqualTo(3_000);
    assertThat(day.getLong("series[0].otherCurrencies.USD.orders")).isEqualTo(1);
    assertThat(day.getLong("series[0].otherCurrencies.USD.cancellations")).isEqualTo(1);
    assertThat(day.getLong("series[0].otherCurrencies.EUR.netRevenueMinor")).isEqualTo(2_000);

    JsonPath month = await("month");
    assertThat(month.getLong("series[0].grossRevenueMinor")).isEqualTo(5_000);
    assertThat(month.getLong("series[0].otherCurrencies.USD.netRevenueMinor")).isEqualTo(3_000);

    String csv = shopA().header("Accept", "text/csv").queryParam("from", DAY.toString())
        .queryParam("to", DAY.plusDays(1).toString()).get("/v1/shops/{shop}/kpis", SHOP).then().statusCode(200)
        .extract().asString();
    List<String> header = List.of(csv.lines().findFirst().orElseThrow().split(","));
    List<String> row = List.of(csv.lines().skip(1).findFirst().orElseThrow().split(",", -1));
    assertThat(row.get(header.indexOf("grossRevenueMinor"))).isEqualTo("5000");
    assertThat(row.get(header.indexOf("otherCurrenciesUsdNetRevenueMinor"))).isEqualTo("3000");
    assertThat(row.get(header.indexOf("otherCurrenciesEurOrders"))).isEqualTo("1");
  }

  private static JsonPath await(String granularity) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    JsonPath answer = null;
    while (System.nanoTime() < deadline) {
      var response = shopA().queryParam("from", DAY.toString()).queryParam("to", DAY.plusDays(1).toString())
          .queryParam("granularity", granularity).get("/v1/shops/{shop}/kpis", SHOP);
      answer = response.jsonPath();
      if (response.statusCode() == 200 && answer.getLong("series[0].customers") == 3
          && answer.get("series[0].otherCurrencies.USD.cancellations") != null
          && answer.getLong("series[0].otherCurrencies.USD.cancellations") == 1) {
        return answer;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("orders not counted within 30 s: " + (answer == null ? "" : answer.prettify()));
  }

  private static io.restassured.specification.RequestSpecification shopA() {
    return given().header("Authorization", TestShops.bearer(TestShops.SHOP_A_KEY));
  }

  private static void send(BulkProducer producer, String customer, OrderEvent event) {
    long at = event.getEvent() instanceof OrderPlaced p ? p.getOccurredAt().toEpochMilli()
        : ((OrderCancelled) event.getEvent()).getOccurredAt().toEpochMilli();
    producer.send(Topics.SHOP_ORDERS, Keys.customer(SHOP, customer), event, at);
  }

  private static OrderEvent placed(String customer, String orderId, String currency, long at, long total) {
    LineItem line = LineItem.newBuilder().setProductId("fx-" + orderId).setSku(null).setName(null).setCategory("home")
        .setQuantity(1).setUnitPriceMinor(total).build();
    return new OrderEvent(OrderPlaced.newBuilder().setShopId(SHOP).setCustomerId(customer).setEventId(orderId)
        .setOccurredAt(Instant.ofEpochMilli(at)).setOrderId(orderId).setLines(List.of(line)).setTotalMinor(total)
        .setCurrency(currency).setChannel(SalesChannel.DIRECT).setDiscountMinor(0).setCouponCode(null)
        .setNotificationId(null).build());
  }

  private static OrderEvent cancelled(String customer, String orderId, String currency, long at, long amount) {
    return new OrderEvent(OrderCancelled.newBuilder().setShopId(SHOP).setCustomerId(customer)
        .setEventId("cancel-" + orderId).setOccurredAt(Instant.ofEpochMilli(at)).setOrderId(orderId)
        .setLines(List.of()).setRefundMinor(amount).setCurrency(currency).setReason(null).build());
  }
}
