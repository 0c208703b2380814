package io.upsell.engine.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.upsell.schemas.app.UsageReported;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.rules.RuleSettings;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.SuppressionReason;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestKafka;
import io.upsell.testkit.TestShops;
import io.upsell.testkit.TopicRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class RulesResourceTest {

  private static final String B = TestShops.bearer(TestShops.SHOP_B_KEY);

  @Test
  void catalogListsEveryTriggerWithItsDefaultTiming() {
    given().get("/v1/triggers/catalog").then().statusCode(200)
        .body("size()", equalTo(TriggerType.values().length))
        .body("find { it.type == 'CART_ABANDONED' }.settings.delayMinutes", equalTo("30"))
        .body("find { it.type == 'STORAGE_NEAR_FULL' }.settings.thresholdPercent", equalTo("80"));
  }

  @Test
  void badValuesAreRefusedNamingTheFieldAndReason() {
    given().header("Authorization", B).contentType(ContentType.JSON)
        .body("{\"capPerDay\": -1, \"quietHoursStart\": \"25:99\", \"monthlyRevenueTargetMinor\": -5,"
            + " \"settings\": {\"CART_ABANDONED.delayMinutes\": \"soon\", \"NOPE.delayMinutes\": \"3\","
            + " \"FREQUENTLY_BOUGHT_TOGETHER.topK\": \"6\", \"report.recipient\": \"a@shop.example, b@shop.example\"}}")
        .put("/v1/shops/shop-b/rules").then().statusCode(400)
        .body("fields.field", hasItem("monthlyRevenueTargetMinor"))
        .body("fields.field", hasItem("settings.report.recipient"))
        .body("fields.field", hasItem("capPerDay"))
        .body("fields.field", hasItem("quietHoursStart"))
        .body("fields.field", hasItem("settings.CART_ABANDONED.delayMinutes"))
        .body("fields.field", hasItem("settings.NOPE.delayMinutes"))
        .body("fields.field", hasItem("settings.FREQUENTLY_BOUGHT_TOGETHER.topK"));
  }

  @Test
  void offerSettingsAreAcceptedWithinTheirBoundsAndRefusedOutsideNamingTheField() {
    given().header("Authorization", B).contentType(ContentType.JSON)
        .body("{\"settings\": {\"coupon.prefix\": \"save 10\", \"coupon.length\": \"4\","
            + " \"coupon.validityDays\": \"0\", \"downvote.cooldownDays\": \"366\","
            + " \"CART_ABANDONED.stepTwoDiscountPercent\": \"95\", \"PRODUCT_UPGRADE.maxStepPercent\": \"50\"}}")
        .put("/v1/shops/shop-b/rules").then().statusCode(400)
        .body("fields.field", hasItems("settings.coupon.prefix", "settings.coupon.length",
            "settings.coupon.validityDays", "settings.downvote.cooldownDays",
            "settings.CART_ABANDONED.stepTwoDiscountPercent"))
        .body("fields.field", not(hasItem("settings.PRODUCT_UPGRADE.maxStepPercent")));
    given().header("Authorization", B).contentType(ContentType.JSON)
        .body("{\"settings\": {\"coupon.prefix\": \"SAVE\", \"coupon.length\": \"10\","
            + " \"coupon.validityDays\": \"7\", \"downvote.cooldownDays\": \"60\"}}")
        .put("/v1/shops/shop-b/rules").then().statusCode(200);
  }

  @Test
  void theDigestRecipientAndMonthlyTargetAreStoredForAnalytics() {
    String a = TestShops.bearer(TestShops.SHOP_A_KEY);
    given().header("Authorization", a).contentType(ContentType.JSON)
        .body("{\"monthlyRevenueTargetMinor\": 500000, \"settings\": {\"report.recipient\": \"owner@shop-a.example\"}}")
        .put("/v1/shops/shop-a/rules").then().statusCode(200)
        .body("monthlyRevenueTargetMinor", equalTo(500000))
        .body("settings.'report.recipient'", equalTo("owner@shop-a.example"));

    TopicRecords records = new TopicRecords(TestKafka.broker(), EventSerdes.singleObject());
    var stored = records.await(Topics.UPSELL_RULES, r -> r.key().equals(TestShops.SHOP_A)
        && r.value().getMonthlyRevenueTargetMinor() != null, 1, Duration.ofSeconds(30));
    assertThat(stored).singleElement().satisfies(r -> {
      assertThat(r.value().getMonthlyRevenueTargetMinor()).isEqualTo(500_000L);
      assertThat(r.value().getSettings()).containsEntry(RuleSettings.REPORT_RECIPIENT, "owner@shop-a.example");
    });
  }

  @Test
  void aShopCannotTouchAnotherShopsRules() {
    given().header("Authorization", B).get("/v1/shops/shop-a/rules").then().statusCode(403);
    given().get("/v1/shops/shop-b/rules").then().statusCode(401);
  }

  @Test
  void storedRulesReadBackAndTakeEffectWithoutRestart() {
    given().header("Authorization", B).contentType(ContentType.JSON)
        .body("{\"enabledTriggers\": [\"CART_ABANDONED\"], \"capPerDay\": 3, \"quietHoursStart\": \"00:00\","
            + " \"quietHoursEnd\": \"00:00\", \"settings\": {\"CART_ABANDONED.delayMinutes\": \"45\"}}")
        .put("/v1/shops/shop-b/rules").then().statusCode(200).body("capPerDay", equalTo(3));
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline && given().header("Authorization", B).get("/v1/shops/shop-b/rules")
        .then().extract().path("capPerDay") == null) {
      Thread.onSpinWait();
    }
    given().header("Authorization", B).get("/v1/shops/shop-b/rules").then().statusCode(200)
        .body("capPerDay", equalTo(3)).body("settings.'CART_ABANDONED.delayMinutes'", equalTo("45"));

    TopicRecords records = new TopicRecords(TestKafka.broker(), EventSerdes.singleObject());
    String customer = "rules-" + UUID.randomUUID();
    String key = Keys.customer(TestShops.SHOP_B, customer);
    Instant now = Instant.now();
    records.send(Topics.CRM_CUSTOMERS, key, CustomerProfile.newBuilder().setShopId(TestShops.SHOP_B)
        .setCustomerId(customer).setEventId("p-" + customer).setOccurredAt(now).setMarketingConsent(true).build(),
        now.toEpochMilli());
    records.send(Topics.APP_USAGE, key, UsageReported.newBuilder().setShopId(TestShops.SHOP_B).setCustomerId(customer)
        .setEventId("u-" + customer).setOccurredAt(now).setResource("storage").setUsedUnits(99).setQuotaUnits(100)
        .build(), now.toEpochMilli());

    var refused = records.await(Topics.UPSELL_SUPPRESSED, r -> r.value().getTrigger().getCustomerId().equals(customer),
        1, Duration.ofSeconds(60));
    assertThat(refused).singleElement()
        .satisfies(r -> assertThat(r.value().getSuppressionReason()).isEqualTo(SuppressionReason.DISABLED));
  }
}
