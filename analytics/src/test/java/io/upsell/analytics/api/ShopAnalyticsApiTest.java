package io.upsell.analytics.api;

import static io.restassured.RestAssured.given;
import static io.upsell.analytics.fixtures.DemoApi.FROM;
import static io.upsell.analytics.fixtures.DemoApi.TO;
import static io.upsell.analytics.fixtures.DemoApi.asShopB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.upsell.analytics.fixtures.DemoApi;
import io.upsell.analytics.fixtures.DemoTraffic;
import io.upsell.analytics.query.RemoteRanges;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The query API over two weeks of shop B's traffic: auth, parameter errors, funnel, attribution, lift, CSV. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class ShopAnalyticsApiTest {

  @BeforeEach
  void traffic() {
    DemoApi.sendAndAwait();
  }

  @Test
  void withoutAKeyTheAnswerIs401() {
    given().get("/v1/shops/{shop}/kpis", TestShops.SHOP_B).then().statusCode(401)
        .body("fields[0].field", equalTo("Authorization"));
  }

  @Test
  void shopAsKeyCannotReadShopB() {
    given().header("Authorization", TestShops.bearer(TestShops.SHOP_A_KEY))
        .get("/v1/shops/{shop}/funnel", TestShops.SHOP_B).then().statusCode(403)
        .body("fields[0].field", equalTo("shopId"));
  }

  @ParameterizedTest
  @CsvSource({
      "kpis, granularity, fortnight", "kpis, from, 01/03/2025", "kpis, to, 2025-02-01",
      "products/top, limit, 0", "products/top, by, margin", "lift, from, yesterday"})
  void aBadParameterIs400NamingIt(String path, String parameter, String value) {
    var request = parameter.equals("from") ? asShopB() : asShopB().queryParam("from", FROM);
    request.queryParam(parameter, value)
        .get("/v1/shops/{shop}/" + path, TestShops.SHOP_B).then().statusCode(400)
        .body("fields[0].field", equalTo(parameter));
  }

  @Test
  void theFunnelFollowsEachTriggerTypeAndVariantToRevenue() {
    List<Map<String, Object>> rows = asShopB().queryParam("from", FROM).queryParam("to", TO)
        .get("/v1/shops/{shop}/funnel", DemoTraffic.SHOP).then().statusCode(200).extract().jsonPath().getList("rows");
    Map<String, Object> cartA = rows.stream()
        .filter(r -> r.get("triggerType").equals("CART_ABANDONED") && r.get("variant").equals("A")).findFirst()
        .orElseThrow();
    // Per day: one sent, opened, clicked and converted A message, and one holdout decision.
    assertThat(cartA).containsEntry("decided", 28).containsEntry("holdout", 14).containsEntry("sent", 14)
        .containsEntry("opened", 14).containsEntry("clicked", 14).containsEntry("converted", 14);
    assertThat(((Map<?, ?>) cartA.get("suppressedByReason")).get("HOLDOUT")).isEqualTo(14);
    Map<String, Object> winBack = rows.stream().filter(r -> r.get("triggerType").equals("WIN_BACK")).findFirst()
        .orElseThrow();
    assertThat(winBack).containsEntry("sent", 14).containsEntry("opened", 0).containsEntry("converted", 0);
  }

  @Test
  void holdoutBuyersCountInTheControlGroupOfTheLift() {
    var lift = asShopB().queryParam("from", FROM).queryParam("to", TO)
        .get("/v1/shops/{shop}/lift", DemoTraffic.SHOP).then().statusCode(200).extract().jsonPath();
    assertThat(lift.getInt("control.customers")).isEqualTo(14);
    assertThat(lift.getInt("control.converted")).isEqualTo(7);
    assertThat(lift.getInt("treated.customers")).isEqualTo(42);
    assertThat(lift.getInt("treated.converted")).isEqualTo(14);
    assertThat(lift.getDouble("conversionLift.difference")).isEqualTo(14 / 42.0 - 0.5, org.assertj.core.data.Offset.offset(0.0001));
    assertThat(lift.getDouble("conversionLift.ci95Low")).isLessThan(lift.getDouble("conversionLift.ci95High"));
  }

  @Test
  void attributionSplitsClickAndViewRevenue() {
    var answer = asShopB().queryParam("from", FROM).queryParam("to", TO)
        .get("/v1/shops/{shop}/attribution", DemoTraffic.SHOP).then().statusCode(200).extract().jsonPath();
    assertThat(answer.getString("clickWindow")).isEqualTo("PT120H");
    assertThat(answer.getLong("attributedRevenueMinor")).isPositive()
        .isLessThan(answer.getLong("grossRevenueMinor"));
    assertThat(answer.getLong("rows.find { it.triggerType == 'CART_ABANDONED' && it.variant == 'A' }.clickOrders"))
        .isEqualTo(14);
  }

  @Test
  void csvGivesTheSameRowsForSpreadsheets() {
    String csv = asShopB().accept("text/csv").queryParam("from", FROM).queryParam("to", TO)
        .get("/v1/shops/{shop}/funnel", DemoTraffic.SHOP).then().statusCode(200).extract().asString();
    String[] lines = csv.split("\r\n");
    assertThat(lines[0]).startsWith("triggerType,variant,decided,suppressed,suppressedByReasonNoConsent");
    assertThat(lines).hasSize(4);
    String lift = asShopB().accept("text/csv").queryParam("from", FROM).queryParam("to", TO)
        .get("/v1/shops/{shop}/lift", DemoTraffic.SHOP).then().statusCode(200).extract().asString();
    assertThat(lift.split("\r\n")[2]).startsWith("control,all,all,14,7,0.5,");
  }

  @Test
  void topProductsAreOrderedByUnitsWhenAsked() {
    List<Integer> units = asShopB().queryParam("from", FROM).queryParam("to", TO).queryParam("by", "units")
        .queryParam("limit", 3).get("/v1/shops/{shop}/products/top", DemoTraffic.SHOP).then().statusCode(200)
        .extract().jsonPath().getList("products.units", Integer.class);
    assertThat(units).hasSize(3).isSortedAccordingTo((a, b) -> b - a);
  }

  @Test
  void weeksAndMonthsHoldTheSameOrdersAsTheirDays() {
    List<Map<String, Object>> days = series("day", FROM, TO);
    assertThat(sum(days, "orders")).isEqualTo(DemoTraffic.orders(DemoTraffic.FIRST_DAY,
        DemoTraffic.FIRST_DAY.plusDays(DemoTraffic.DAYS)));
    assertThat(sum(series("hour", FROM, TO), "orders")).isEqualTo(sum(days, "orders"));
    for (String granularity : List.of("week", "month")) {
      List<Map<String, Object>> periods = series(granularity, FROM, TO);
      assertThat(sum(periods, "orders")).as(granularity).isEqualTo(sum(days, "orders"));
      for (Map<String, Object> period : periods) {
        LocalDate start = LocalDate.parse((String) period.get("start"));
        LocalDate end = granularity.equals("week") ? start.plusWeeks(1) : start.plusMonths(1);
        List<Map<String, Object>> itsDays = series("day", start.toString(), end.toString());
        assertThat(itsDays).as("days of %s %s", granularity, start).hasSize((int) start.until(end, ChronoUnit.DAYS));
        for (String figure : List.of("orders", "grossRevenueMinor", "refundsMinor", "units")) {
          assertThat(((Number) period.get(figure)).longValue()).as("%s of %s %s", figure, granularity, start)
              .isEqualTo(sum(itsDays, figure));
        }
      }
    }
  }

  private static List<Map<String, Object>> series(String granularity, String from, String to) {
    return asShopB().queryParam("from", from).queryParam("to", to).queryParam("granularity", granularity)
        .get("/v1/shops/{shop}/kpis", DemoTraffic.SHOP).then().statusCode(200).extract().jsonPath().getList("series");
  }

  private static long sum(List<Map<String, Object>> rows, String figure) {
    return rows.stream().mapToLong(row -> ((Number) row.get(figure)).longValue()).sum();
  }

  @Test
  void theInternalStoreEndpointServesOnlyTheKeysShopsRange() {
    String from = "shop-b|D|";
    String to = "shop-b|D|~";
    Map<String, List<Integer>> entries = asShopB().queryParam("partitions", "0,1,2,3,4,5").queryParam("from", from)
        .queryParam("to", to).get("/internal/v1/stores/kpi-buckets").then().statusCode(200).extract().jsonPath()
        .getMap("");
    assertThat(entries).isNotEmpty().allSatisfy((key, counters) -> assertThat(key).startsWith("shop-b|D|"));
    asShopB().queryParam("partitions", "0").queryParam("from", "shop-a|D|").queryParam("to", "shop-a|D|~")
        .get("/internal/v1/stores/kpi-buckets").then().statusCode(403);
    asShopB().queryParam("partitions", "0").queryParam("from", from).queryParam("to", to)
        .get("/internal/v1/stores/customer-history").then().statusCode(400).body("fields[0].field", equalTo("store"));
  }

  @Test
  void aPeerShowingTheServicesSecretReadsOneShopsRangeAndAWrongSecretIsRefused() {
    DemoApi.sendAndAwait();
    Map<String, List<Integer>> entries = given().header(RemoteRanges.PEER_HEADER, "test-peer-secret")
        .queryParam("partitions", "0,1,2,3,4,5").queryParam("from", "shop-b|D|").queryParam("to", "shop-b|D|~")
        .get("/internal/v1/stores/kpi-buckets").then().statusCode(200).extract().jsonPath().getMap("");
    assertThat(entries).isNotEmpty().allSatisfy((key, counters) -> assertThat(key).startsWith("shop-b|D|"));
    given().header(RemoteRanges.PEER_HEADER, "test-peer-secret").queryParam("partitions", "0")
        .queryParam("from", "shop-b|D|").queryParam("to", "shop-c|D|").get("/internal/v1/stores/kpi-buckets")
        .then().statusCode(403);
    given().header(RemoteRanges.PEER_HEADER, "guessed").queryParam("partitions", "0").queryParam("from", "shop-b|D|")
        .queryParam("to", "shop-b|D|~").get("/internal/v1/stores/kpi-buckets").then().statusCode(401);
  }
}
