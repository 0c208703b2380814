package io.upsell.analytics.api;

import static io.restassured.RestAssured.given;
import static io.upsell.analytics.fixtures.DemoApi.asShopB;
import static io.upsell.analytics.fixtures.Events.orderWithCode;
import static io.upsell.analytics.fixtures.Events.trigger;
import static io.upsell.analytics.fixtures.Events.withCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.upsell.analytics.fixtures.Events;
import io.upsell.analytics.fixtures.Eventually;
import io.upsell.analytics.fixtures.ShopEvents;
import io.upsell.schemas.notify.Delivery;
import io.upsell.schemas.notify.DeliveryStatus;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Codes on the real broker, from triggers as the engine emits them (a code, its discount and deadline on the offer)
 * on one day of shop B (Asia/Riyadh, July 1999, no other data of the shop that day): a 10% code and a 5.00 GBP code
 * valid for a week from now, one whose deadline has passed, one that another customer's order redeemed, a holdout
 * trigger's code, and a storage prompt that was down-voted.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class CouponApiTest {

  private static final String SHOP = TestShops.SHOP_B;
  private static final ZoneId ZONE = ZoneId.of("Asia/Riyadh");
  private static final LocalDate DAY = LocalDate.of(1999, 7, 14);
  private static final Instant FIRED = DAY.atTime(10, 0).atZone(ZONE).toInstant();
  private static final Instant NEXT_WEEK = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
  private static final String RUN = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
  private static final String PERCENT = "PCT-" + RUN;
  private static final String AMOUNT = "AMT-" + RUN;
  private static final String EXPIRED = "OLD-" + RUN;
  private static final String REDEEMED = "USED-" + RUN;
  private static final String HOLDOUT = "HOLD-" + RUN;
  private static final String AFTER_HOLDOUT = "AFTER-" + RUN;

  @BeforeAll
  static void aDayOfCodes() {
    try (ShopEvents events = new ShopEvents(SHOP)) {
      issue(events, "k-pct", "A", false, PERCENT, 10, null, NEXT_WEEK);
      issue(events, "k-amt", "B", false, AMOUNT, null, 500L, NEXT_WEEK);
      issue(events, "k-old", "A", false, EXPIRED, 10, null, FIRED.plusSeconds(86_400));
      issue(events, "k-used", "B", false, REDEEMED, 15, null, NEXT_WEEK);
      Instant bought = FIRED.plusSeconds(7_200);
      events.send("k-friend", bought,
          orderWithCode(SHOP, "k-friend", "o-friend-" + RUN, bought, 3_000, REDEEMED.toLowerCase()));
      // The holdout's code first, then a sent trigger of the same customer (same partition, read after it).
      issue(events, "k-hold", "A", true, HOLDOUT, 10, null, NEXT_WEEK);
      issue(events, "k-hold", "A", false, AFTER_HOLDOUT, 10, null, NEXT_WEEK);
      UpsellTrigger storage = trigger(SHOP, "k-vote", "t-k-vote-" + RUN, TriggerType.STORAGE_NEAR_FULL, "A", false,
          FIRED);
      Delivery delivery = Events.delivery(storage, "d-k-vote-" + RUN, DeliveryStatus.SENT, FIRED);
      events.send("k-vote", FIRED, storage);
      events.send("k-vote", FIRED, delivery);
      events.send("k-vote", bought, Events.engagement(delivery, EngagementType.DOWNVOTED, bought));
    }
  }

  @Test
  void aCodeFromAnUpsellTriggerValidatesThroughTheApi() {
    Eventually.passes(() -> {
      JsonPath code = lookup(PERCENT.toLowerCase(), 200);
      assertThat(code.getString("code")).isEqualTo(PERCENT);
      assertThat(code.getString("customerId")).isEqualTo("k-pct");
      assertThat(code.getString("triggerId")).isEqualTo("t-k-pct-" + RUN + "-" + PERCENT);
      assertThat(code.getString("triggerType")).isEqualTo("CART_ABANDONED");
      assertThat(code.getString("variant")).isEqualTo("A");
      assertThat(code.getMap("discount")).isEqualTo(Map.of("percent", 10));
      assertThat(code.getString("issuedAt")).isEqualTo(FIRED.toString());
      assertThat(code.getString("expiresAt")).isEqualTo(NEXT_WEEK.toString());
      assertThat((Object) code.get("redeemedAt")).isNull();
      assertThat(lookup(AMOUNT, 200).getMap("discount")).isEqualTo(Map.of("amountMinor", 500, "currency", "GBP"));
    });
  }

  @Test
  void aCodePastItsDeadlineIsGoneAsExpired() {
    Eventually.passes(() -> {
      JsonPath gone = lookup(EXPIRED, 410);
      assertThat(gone.getString("reason")).isEqualTo("expired");
      assertThat(gone.getString("coupon.expiresAt")).isEqualTo(FIRED.plusSeconds(86_400).toString());
    });
  }

  @Test
  void anOrderNamingTheCodeShowsAsARedemptionInTheAbResults() {
    Eventually.passes(() -> {
      JsonPath lift = day("lift");
      List<Map<String, Object>> variants = lift.getList("variants");
      Map<String, Object> b = variants.stream().filter(v -> "CART_ABANDONED".equals(v.get("triggerType"))
          && "B".equals(v.get("variant"))).findFirst().orElseThrow();
      assertThat(b.get("redemptions")).isEqualTo(Map.of("redeemed", 1, "revenueMinor", 3_000, "byOtherCustomer", 1,
          "alreadyRedeemed", 0));
      assertThat(lift.getLong("redemptions.redeemed")).isEqualTo(1);
      JsonPath gone = lookup(REDEEMED, 410);
      assertThat(gone.getString("reason")).isEqualTo("redeemed");
      assertThat(gone.getString("coupon.redemption.orderId")).isEqualTo("o-friend-" + RUN);
      assertThat(gone.getBoolean("coupon.redemption.byOtherCustomer")).isTrue();
    });
  }

  @Test
  void aHoldoutTriggersCodeIsNotFound() {
    Eventually.passes(() -> lookup(AFTER_HOLDOUT, 200));
    assertThat(lookup(HOLDOUT, 404).getString("fields[0].field")).isEqualTo("code");
  }

  @Test
  void anUnknownCodeIsNotFoundAndAKnownOneFoundOnTheSameRoute() {
    Eventually.passes(() -> lookup(PERCENT, 200));
    assertThat(lookup("NEVER-" + RUN, 404).getString("fields[0].reason")).isEqualTo("the shop issued no such code");
    asShopB().get("/v1/shops/{shop}/coupons/{code}", SHOP, "X".repeat(201)).then().statusCode(400);
  }

  @Test
  void anotherShopsKeyIsForbidden() {
    Eventually.passes(() -> lookup(PERCENT, 200));
    asShopA().get("/v1/shops/{shop}/coupons/{code}", SHOP, PERCENT).then().statusCode(403);
    asShopA().get("/v1/shops/{shop}/coupons", SHOP).then().statusCode(403);
  }

  @Test
  void theExportListsTheShopsCodesAsJsonAndAsCsvForImport() {
    Eventually.passes(() -> {
      JsonPath export = asShopB().queryParam("since", FIRED.toString()).get("/v1/shops/{shop}/coupons", SHOP)
          .then().statusCode(200).extract().jsonPath();
      assertThat(export.getList("code")).contains(PERCENT, AMOUNT, EXPIRED, REDEEMED, AFTER_HOLDOUT)
          .doesNotContain(HOLDOUT);
      Map<String, Object> used = export.getList("", Map.class).stream()
          .filter(c -> REDEEMED.equals(c.get("code"))).findFirst().orElseThrow();
      assertThat(used).containsOnlyKeys("code", "customerId", "triggerId", "discount", "expiresAt", "redeemedAt")
          .containsEntry("customerId", "k-used").containsEntry("redeemedAt", FIRED.plusSeconds(7_200).toString());
      String csv = asShopB().accept("text/csv").queryParam("since", FIRED.toEpochMilli())
          .get("/v1/shops/{shop}/coupons", SHOP).then().statusCode(200).extract().asString();
      assertThat(csv.lines().findFirst()).contains(
          "code,discount_type,amount,currency,date_expires_gmt,usage_limit,customer_id,trigger_id,redeemed_at");
      assertThat(csv).contains(AMOUNT + ",fixed_cart,5.00,GBP," + NEXT_WEEK + ",1,k-amt,")
          .contains(PERCENT + ",percent,10,," + NEXT_WEEK + ",1,k-pct,");
    });
    String later = asShopB().queryParam("since", FIRED.plusSeconds(1).toString()).get("/v1/shops/{shop}/coupons", SHOP)
        .then().statusCode(200).extract().asString();
    assertThat(later).doesNotContain(PERCENT);
    asShopB().queryParam("since", "yesterday").get("/v1/shops/{shop}/coupons", SHOP).then().statusCode(400);
  }

  @Test
  void downVotesAreCountedPerTriggerTypeInTheFunnel() {
    Eventually.passes(() -> {
      List<Map<String, Object>> rows = day("funnel").getList("rows");
      assertThat(rows).anySatisfy(row -> assertThat(row).containsEntry("triggerType", "STORAGE_NEAR_FULL")
          .containsEntry("variant", "A").containsEntry("downvoted", 1));
      assertThat(rows).allSatisfy(row -> {
        if (!"STORAGE_NEAR_FULL".equals(row.get("triggerType"))) {
          assertThat(row).containsEntry("downvoted", 0);
        }
      });
    });
  }

  private static void issue(ShopEvents events, String customer, String variant, boolean holdout, String code,
      Integer percent, Long amountMinor, Instant expiresAt) {
    UpsellTrigger trigger = withCode(SHOP, customer, "t-" + customer + "-" + RUN + "-" + code,
        TriggerType.CART_ABANDONED, variant, holdout, FIRED, code, percent, amountMinor, expiresAt);
    events.send(customer, FIRED, trigger);
  }

  private static io.restassured.specification.RequestSpecification asShopA() {
    return given().header("Authorization", TestShops.bearer(TestShops.SHOP_A_KEY));
  }

  private static JsonPath lookup(String code, int status) {
    return asShopB().get("/v1/shops/{shop}/coupons/{code}", SHOP, code).then().statusCode(status).extract()
        .jsonPath();
  }

  private static JsonPath day(String path) {
    return asShopB().queryParam("from", DAY.toString()).queryParam("to", DAY.plusDays(1).toString())
        .get("/v1/shops/{shop}/" + path, SHOP).then().statusCode(200).extract().jsonPath();
  }
}
