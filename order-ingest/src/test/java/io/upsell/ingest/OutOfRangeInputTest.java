package io.upsell.ingest;

import static io.upsell.ingest.IngestTestSupport.postJson;
import static io.upsell.ingest.IngestTestSupport.uniqueId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.upsell.ingest.shopify.WebhookSignature;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Values that parse but that Kafka or Avro cannot take — times before 1970 or past the year 9999, ids of hundreds of
 * kilobytes, a locale with no language — are refused with a 400 naming the field, never a 5xx; and refusing them
 * costs nothing to the next request.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class OutOfRangeInputTest {

  @ParameterizedTest
  @ValueSource(strings = {"1969-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "+999999999-12-31T00:00:00Z",
      "0000-01-01T00:00:00Z"})
  void anOccurredAtOutsideEpochToNowIsRefusedByNameAndTheNextEventStillGoesThrough(String occurredAt) {
    postJson("/v1/events", usage(uniqueId("e"), "\"" + occurredAt + "\"")).then().statusCode(400)
        .body("fields[0].field", equalTo("occurredAt"));
    postJson("/v1/events/batch", "[" + usage(uniqueId("e"), "1763800000000") + ","
        + usage(uniqueId("e"), "\"" + occurredAt + "\"") + "]").then().statusCode(400)
        .body("fields[0].field", equalTo("[1].occurredAt"));
    postJson("/v1/events", usage(uniqueId("e"), "1763800000000")).then().statusCode(202).body("accepted", equalTo(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"1969-12-31T23:59:59Z\"", "\"+999999999-12-31T00:00:00Z\"",
      "\"-999999999-01-01T00:00:00Z\"", "\"+10000-01-01T00:00:00Z\"", "253402300800000", "9223372036854775807"})
  void otherInstantsOutsideTheYears1970To9999AreRefusedByName(String instant) {
    postJson("/v1/events", "{\"type\":\"subscription_changed\",\"eventId\":\"" + uniqueId("e") + "\","
        + "\"customerId\":\"c\",\"occurredAt\":1763800000000,\"plan\":\"pro\",\"status\":\"active\","
        + "\"expiresAt\":" + instant + "}").then().statusCode(400).body("fields[0].field", equalTo("expiresAt"));
    postJson("/v1/events", "{\"type\":\"customer_profile\",\"eventId\":\"" + uniqueId("e") + "\","
        + "\"customerId\":\"c\",\"occurredAt\":1763800000000,\"createdAt\":" + instant + "}").then().statusCode(400)
        .body("fields[0].field", equalTo("createdAt"));
  }

  @Test
  void anInstantAtTheEdgesOfTheRangeIsAccepted() {
    postJson("/v1/events", "{\"type\":\"subscription_changed\",\"eventId\":\"" + uniqueId("e") + "\","
        + "\"customerId\":\"c\",\"occurredAt\":0,\"plan\":\"pro\",\"status\":\"active\","
        + "\"expiresAt\":\"9999-12-31T23:59:59Z\"}").then().statusCode(202);
    postJson("/v1/events", usage(uniqueId("e"), "\"1970-01-01T00:00:00Z\"")).then().statusCode(202);
  }

  @ParameterizedTest
  @ValueSource(strings = {"+999999999-12-31", "-999999999-01-01", "1969-12-31", "+10000-01-01"})
  void aSpendDayOutsideTheYears1970To9999IsRefusedByName(String day) {
    postJson("/v1/events", "{\"type\":\"marketing_spend\",\"eventId\":\"" + uniqueId("e") + "\","
        + "\"occurredAt\":1763800000000,\"day\":\"" + day + "\",\"channel\":\"paid\",\"amountMinor\":5}")
        .then().statusCode(400).body("fields[0].field", equalTo("day"));
  }

  @Test
  void aProductIdOfHundredsOfKilobytesIsRefusedByNameNotByTheBroker() {
    postJson("/v1/events", product("p".repeat(600 * 1024))).then().statusCode(400)
        .body("fields[0].field", equalTo("productId"))
        .body("fields[0].reason", equalTo("must be at most 200 characters"));
    postJson("/v1/events", product("p-1\\nX")).then().statusCode(400)
        .body("fields[0].reason", equalTo("must not contain control characters"));
    postJson("/v1/events", product("p-" + uniqueId("ok"))).then().statusCode(202);
  }

  @Test
  void idsOfLinesAndFeedbackAreBoundedLikeCustomerIds() {
    String big = "x".repeat(201);
    postJson("/v1/events", "{\"type\":\"order_placed\",\"eventId\":\"" + uniqueId("e") + "\",\"customerId\":\"c\","
        + "\"occurredAt\":1763800000000,\"orderId\":\"" + big + "\",\"lines\":[{\"productId\":\"" + big + "\","
        + "\"quantity\":1,\"unitPriceMinor\":5}],\"totalMinor\":5}").then().statusCode(400)
        .body("fields.field", hasItem("orderId")).body("fields.field", hasItem("lines[0].productId"));
    postJson("/v1/events", "{\"type\":\"feedback\",\"eventId\":\"" + uniqueId("e") + "\",\"customerId\":\"c\","
        + "\"occurredAt\":1763800000000,\"productIds\":[\"" + big + "\"]}").then().statusCode(400)
        .body("fields[0].field", equalTo("productIds[0]"));
  }

  @Test
  void aSegmentTimestampBefore1970OrPastTheYear9999IsRefusedByItsOwnName() {
    for (String timestamp : new String[] {"1969-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z"}) {
      postJson("/v1/segment", "{\"type\":\"track\",\"event\":\"Product Viewed\",\"userId\":\"u\",\"messageId\":\""
          + uniqueId("m") + "\",\"timestamp\":\"" + timestamp + "\",\"properties\":{\"product_id\":\"p\"}}")
          .then().statusCode(400).body("fields[0].field", equalTo("timestamp"));
    }
    postJson("/v1/segment", "{\"batch\":[{\"type\":\"track\",\"event\":\"Trial Started\",\"userId\":\"u\","
        + "\"messageId\":\"" + uniqueId("m") + "\",\"properties\":{\"trial_end_date\":\"+999999999-12-31T00:00:00Z\"}}]}")
        .then().statusCode(400).body("fields[0].field", equalTo("batch[0].properties.trial_end_date"));
    postJson("/v1/segment", "{\"type\":\"identify\",\"userId\":\"u\",\"messageId\":\"" + uniqueId("m") + "\","
        + "\"traits\":{\"createdAt\":\"1969-12-31T23:59:59Z\"}}").then().statusCode(400)
        .body("fields[0].field", equalTo("traits.createdAt"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-", "_", "--", "", "-GB"})
  void aSegmentLocaleWithoutALanguageFallsBackToTheDefaultInsteadOfFailing(String locale) {
    postJson("/v1/segment", "{\"type\":\"identify\",\"userId\":\"" + uniqueId("u") + "\",\"messageId\":\""
        + uniqueId("m") + "\",\"context\":{\"locale\":\"" + locale + "\"}}").then().statusCode(202)
        .body("accepted", equalTo(1));
  }

  @Test
  void aSegmentUserIdOfHundredsOfKilobytesIsRefusedByName() {
    postJson("/v1/segment", "{\"type\":\"track\",\"event\":\"Product Viewed\",\"userId\":\"" + "u".repeat(300_000)
        + "\",\"messageId\":\"" + uniqueId("m") + "\",\"properties\":{\"product_id\":\"p\"}}").then().statusCode(400)
        .body("fields[0].field", equalTo("userId"));
  }

  @Test
  void aShopifyDeliveryWithATimeBefore1970OrAnOverlongWebhookIdIsRefusedByName() {
    String body = IngestTestSupport.read("shopify/customers__create.json")
        .replaceFirst("\"created_at\": \"[^\"]*\"", "\"created_at\": \"1969-12-31T23:59:59+00:00\"");
    shopify("customers/create", uniqueId("w"), body).then().statusCode(400)
        .body("fields[0].field", equalTo("created_at"));
    shopify("customers/create", "w".repeat(300), IngestTestSupport.read("shopify/customers__create.json"))
        .then().statusCode(400).body("fields[0].field", equalTo("X-Shopify-Webhook-Id"));
  }

  @Test
  void moneyBeyondALongIsRefusedAsTooLargeNotAsNegative() {
    postJson("/v1/events", "{\"type\":\"order_placed\",\"eventId\":\"" + uniqueId("e") + "\",\"customerId\":\"c\","
        + "\"occurredAt\":1763800000000,\"orderId\":\"o\",\"lines\":[],\"totalMinor\":99999999999999999999}")
        .then().statusCode(400).body("fields[0].field", equalTo("totalMinor"))
        .body("fields[0].reason", equalTo("must be at most 9223372036854775807"));
    // 2,000,000,000 × 999,999,999,999,999.00 in minor units does not fit a long.
    postJson("/v1/segment", "{\"type\":\"track\",\"event\":\"Cart Viewed\",\"userId\":\"u\",\"messageId\":\""
        + uniqueId("m") + "\",\"properties\":{\"cart_id\":\"k\",\"products\":[{\"product_id\":\"p\","
        + "\"price\":999999999999999,\"quantity\":2000000000}]}}").then().statusCode(400)
        .body("fields[0].field", equalTo("valueMinor"))
        .body("fields[0].reason", equalTo("must be at most 9223372036854775807"));
  }

  private static Response shopify(String topic, String webhookId, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return RestAssured.given().contentType("application/json").header("X-Shopify-Topic", topic)
        .header("X-Shopify-Webhook-Id", webhookId)
        .header("X-Shopify-Hmac-Sha256", WebhookSignature.header(TestShops.SHOP_A_WEBHOOK_SECRET, bytes))
        .body(bytes).post("/v1/webhooks/shopify/" + TestShops.SHOP_A);
  }

  private static String usage(String eventId, String occurredAt) {
    return "{\"type\":\"usage_reported\",\"eventId\":\"" + eventId + "\",\"customerId\":\"c-range\","
        + "\"occurredAt\":" + occurredAt + ",\"resource\":\"storage\",\"usedUnits\":1,\"quotaUnits\":100}";
  }

  private static String product(String productId) {
    return "{\"type\":\"product\",\"eventId\":\"" + uniqueId("e") + "\",\"productId\":\"" + productId + "\","
        + "\"occurredAt\":1763800000000,\"name\":\"Filter\",\"priceMinor\":900}";
  }
}
