package io.upsell.ingest;

import static io.upsell.ingest.IngestTestSupport.all;
import static io.upsell.ingest.IngestTestSupport.post;
import static io.upsell.ingest.IngestTestSupport.postJson;
import static io.upsell.ingest.IngestTestSupport.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.upsell.schemas.topics.Topics;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Batches all-or-nothing, duplicates, tenancy, limits: every refusal is a 4xx naming what is wrong. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class RefusalsTest {

  @Test
  void aBatchWithBadItemsPublishesNothingAndNamesEveryBadItem() {
    String customer = uniqueId("c");
    String batch = "[" + usage(customer, uniqueId("e"), 5) + ","
        + "{\"type\":\"order_placed\",\"eventId\":\"x\",\"customerId\":\"" + customer + "\",\"occurredAt\":1,"
        + "\"orderId\":\"o\",\"lines\":[{\"productId\":\"p\",\"quantity\":-2,\"unitPriceMinor\":5}],"
        + "\"totalMinor\":10}," + usage(customer, uniqueId("e"), 5).replace("\"customerId\":\"" + customer + "\",", "")
        + ",{\"type\":\"teleported\",\"eventId\":\"y\",\"customerId\":\"c\",\"occurredAt\":1}]";

    postJson("/v1/events/batch", batch).then().statusCode(400)
        .body("fields.field", containsInAnyOrder("[1].lines[0].quantity", "[2].customerId", "[3].type"));

    assertThat(all(Topics.APP_USAGE, TestShops.SHOP_A + ":" + customer)).isEmpty();
  }

  @Test
  void customerIdsTooLongOrWithControlCharactersAreRefusedByName() {
    String tooLong = "c".repeat(201);
    postJson("/v1/events", usage(tooLong, uniqueId("e"), 1)).then().statusCode(400)
        .body("fields[0].field", equalTo("customerId")).body("fields[0].reason", equalTo("must be at most 200 characters"));
    postJson("/v1/events", usage("c-1\\r\\nBcc: x", uniqueId("e"), 1)).then().statusCode(400)
        .body("fields[0].field", equalTo("customerId"))
        .body("fields[0].reason", equalTo("must not contain control characters"));
    postJson("/v1/events", usage("c".repeat(200), uniqueId("e"), 1)).then().statusCode(202);
  }

  @Test
  void aReplenishCycleOutsideOneDayToTenYearsIsRefusedByName() {
    for (long days : new long[] {0, 3651, 99_999}) {
      postJson("/v1/events", "{\"type\":\"product\",\"eventId\":\"" + uniqueId("e") + "\",\"productId\":\"p-1\",\"occurredAt\":1763800000000,"
          + "\"name\":\"Filter\",\"priceMinor\":900,\"replenishEveryDays\":" + days + "}").then().statusCode(400)
          .body("fields[0].field", equalTo("replenishEveryDays"))
          .body("fields[0].reason", equalTo("must be between 1 and 3650"));
    }
    postJson("/v1/events", "{\"type\":\"product\",\"eventId\":\"" + uniqueId("e") + "\",\"productId\":\"p-1\",\"occurredAt\":1763800000000,"
        + "\"name\":\"Filter\",\"priceMinor\":900,\"replenishEveryDays\":3650}").then().statusCode(202);
  }

  @Test
  void aLinkThatIsNotAnAbsoluteHttpUrlIsRefusedByName() {
    String reason = "must be an absolute http or https URL of at most 2048 characters";
    for (String url : List.of("javascript:alert(1)", "/cart", "https://shop.example.com/a b",
        "https://shop.example.com/" + "x".repeat(2048))) {
      postJson("/v1/events", "{\"type\":\"cart_viewed\",\"eventId\":\"" + uniqueId("e") + "\",\"customerId\":\"c\","
          + "\"occurredAt\":1763800000000,\"cartId\":\"k\",\"valueMinor\":5,\"cartUrl\":\"" + url + "\","
          + "\"items\":[{\"productId\":\"p\",\"quantity\":1,\"unitPriceMinor\":5,\"imageUrl\":\"" + url + "\"}]}")
          .then().statusCode(400)
          .body("fields.field", containsInAnyOrder("cartUrl", "items[0].imageUrl"))
          .body("fields.reason", containsInAnyOrder(reason, reason));
    }
  }

  @Test
  void aPlanWithoutQuotasOrWithABadPeriodIsRefusedByName() {
    String plan = "{\"type\":\"product\",\"eventId\":\"%s\",\"productId\":\"pro\",\"occurredAt\":1763800000000,"
        + "\"name\":\"Pro\",\"kind\":\"plan\",\"priceMinor\":1500%s}";
    postJson("/v1/events", plan.formatted(uniqueId("e"), "")).then().statusCode(400)
        .body("fields[0].field", equalTo("quotas"));
    postJson("/v1/events", plan.formatted(uniqueId("e"), ",\"quotas\":{\"storage\":-1},\"billingPeriod\":\"fortnight\""))
        .then().statusCode(400)
        .body("fields.field", containsInAnyOrder("quotas.storage", "quotas", "billingPeriod"));
    postJson("/v1/events", plan.formatted(uniqueId("e"), ",\"quotas\":{\"storage\":1000},\"billingPeriod\":\"year\""))
        .then().statusCode(202);
  }

  @Test
  void anNdjsonBatchIsAcceptedWholeAndARepeatedEventIdIsADuplicate() {
    String customer = uniqueId("c");
    String first = usage(customer, uniqueId("e"), 1);
    String ndjson = first + "\n" + usage(customer, uniqueId("e"), 2) + "\n";
    post("/v1/events/batch", "application/x-ndjson", ndjson).then().statusCode(202)
        .body("accepted", equalTo(2)).body("duplicates", equalTo(0));
    post("/v1/events/batch", "application/x-ndjson", first + "\n" + usage(customer, uniqueId("e"), 3)).then()
        .statusCode(202).body("accepted", equalTo(1)).body("duplicates", equalTo(1));
    postJson("/v1/events", first).then().statusCode(202).body("accepted", equalTo(0)).body("duplicates", equalTo(1));

    assertThat(all(Topics.APP_USAGE, TestShops.SHOP_A + ":" + customer)).hasSize(3);
  }

  @Test
  void aKeyForShopACannotWriteForShopB() {
    postJson("/v1/events", usage("c", uniqueId("e"), 1).replace("{", "{\"shopId\":\"shop-b\",")).then()
        .statusCode(403).body("fields[0].field", equalTo("shopId"));
  }

  @Test
  void missingOrUnknownKeysAre401() {
    RestAssured.given().contentType("application/json").body(usage("c", "e", 1)).post("/v1/events").then()
        .statusCode(401).header("WWW-Authenticate", "Bearer");
    RestAssured.given().header("Authorization", "Bearer nope").contentType("application/json")
        .body(usage("c", "e", 1)).post("/v1/events").then().statusCode(401);
  }

  @Test
  void wrongContentTypeIs415AndOversizeIs413AndTooManyEventsIs400() {
    post("/v1/events", "text/plain", usage("c", "e", 1)).then().statusCode(415).body("status", equalTo(415));
    String big = "[" + ("{\"pad\":\"" + "x".repeat(1000) + "\"},").repeat(5300) + "{}]";
    postJson("/v1/events/batch", big).then().statusCode(413).body("fields[0].field", equalTo("body"));
    String many = IntStream.range(0, 1001).mapToObj(i -> "{}").collect(Collectors.joining(",", "[", "]"));
    postJson("/v1/events/batch", many).then().statusCode(400).body("fields[0].field", equalTo("body"));
  }

  @Test
  void aShopOverItsRateLimitGets429WithRetryAfter() throws Exception {
    // Items naming another shop are refused after the events are counted, so nothing is published here. Eight
    // requests at a time, so that even on a slow machine shop B asks for more than its bucket refills.
    String batch = IntStream.range(0, 1000).mapToObj(i -> "{\"shopId\":\"shop-a\"}")
        .collect(Collectors.joining(",", "[", "]"));
    io.restassured.response.Response limited = null;
    java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 200 && limited == null; round++) {
        List<java.util.concurrent.Future<io.restassured.response.Response>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
          answers.add(clients.submit(() -> RestAssured.given()
              .header("Authorization", TestShops.bearer(TestShops.SHOP_B_KEY))
              .contentType("application/json").body(batch).post("/v1/events/batch")));
        }
        for (var answer : answers) {
          var response = answer.get();
          if (response.statusCode() == 429) {
            limited = response;
          } else {
            assertThat(response.statusCode()).isEqualTo(403);
          }
        }
      }
    } finally {
      clients.shutdownNow();
    }
    assertThat(limited).as("a 429 for shop B").isNotNull();
    limited.then().header("Retry-After", notNullValue()).body("status", equalTo(429));
    // Shop B over its limit costs shop A nothing.
    postJson("/v1/events", usage(uniqueId("c"), uniqueId("e"), 1)).then().statusCode(202).body("accepted", equalTo(1));
  }

  @Test
  void aWrongContentTypeIs415OnTheBatchSegmentAndShopifyPathsToo() {
    post("/v1/events/batch", "text/plain", "[" + usage("c", "e", 1) + "]").then().statusCode(415)
        .body("status", equalTo(415));
    post("/v1/events/batch", "application/xml", "<events/>").then().statusCode(415).body("status", equalTo(415));
    post("/v1/segment", "text/plain", "{\"type\":\"track\",\"event\":\"Product Viewed\",\"userId\":\"u\"}").then()
        .statusCode(415).body("status", equalTo(415));
    byte[] body = "{\"id\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    RestAssured.given().contentType("text/plain").header("X-Shopify-Topic", "customers/create")
        .header("X-Shopify-Webhook-Id", uniqueId("w"))
        .header("X-Shopify-Hmac-Sha256", io.upsell.ingest.shopify.WebhookSignature.header(
            TestShops.SHOP_A_WEBHOOK_SECRET, body))
        .body(body).post("/v1/webhooks/shopify/" + TestShops.SHOP_A).then().statusCode(415)
        .body("status", equalTo(415));
  }

  private static String usage(String customer, String eventId, int used) {
    return "{\"type\":\"usage_reported\",\"eventId\":\"" + eventId + "\",\"customerId\":\"" + customer + "\","
        + "\"occurredAt\":1763800000000,\"resource\":\"storage\",\"usedUnits\":" + used + ",\"quotaUnits\":100}";
  }
}
