package io.upsell.ingest;

import static io.upsell.ingest.IngestTestSupport.all;
import static io.upsell.ingest.IngestTestSupport.await;
import static io.upsell.ingest.IngestTestSupport.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.upsell.ingest.shopify.WebhookSignature;
import io.upsell.schemas.app.SubscriptionChanged;
import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.shop.CartEvent;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.shop.OrderCancelled;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.shop.OrderRefunded;
import io.upsell.schemas.topics.Topics;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import io.upsell.schemas.topics.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class ShopifyWebhookTest {

  private static final String PATH = "/v1/webhooks/shopify/" + TestShops.SHOP_A;
  private static final String A = TestShops.SHOP_A + ":";

  @Test
  void everyListedTopicIsVerifiedAndMappedOntoItsTopicWithTheRightKey() {
    // A fresh order id per run, so other tests' deliveries of the same example never make these duplicates.
    String order = Long.toString(System.nanoTime());
    deliver("orders/create", "orders__create.json", order).then().statusCode(202).body("accepted", equalTo(1));
    deliver("orders/paid", "orders__paid.json", order).then().statusCode(202)
        .body("accepted", equalTo(0)).body("duplicates", equalTo(1));
    deliver("orders/cancelled", "orders__cancelled.json", order).then().statusCode(202).body("accepted", equalTo(1));
    deliver("refunds/create", "refunds__create.json", order).then().statusCode(202).body("accepted", equalTo(1));
    Map<String, String> webhooks = new HashMap<>();
    for (String[] delivery : new String[][] {{"checkouts/create", "checkouts__create.json"},
        {"checkouts/update", "checkouts__update.json"}, {"carts/create", "carts__create.json"},
        {"carts/update", "carts__update.json"}, {"customers/create", "customers__create.json"},
        {"products/update", "products__update.json"}, {"app_subscriptions/update", "app_subscriptions__update.json"}}) {
      String webhookId = uniqueId("w");
      webhooks.put(delivery[0], "shopify-" + webhookId);
      postSigned(delivery[0], webhookId, signed(delivery[1], order)).then().statusCode(202).body("accepted", equalTo(1));
    }

    OrderPlaced placed = (OrderPlaced) event(Topics.SHOP_ORDERS, "115310627314723954",
        "shopify-order-" + order + "-placed").getEvent();
    assertThat(placed.getOrderId()).as("ids from the GID, not the lossy number").isEqualTo(order);
    assertThat(placed.getTotalMinor()).isEqualTo(35997);
    assertThat(placed.getDiscountMinor()).isEqualTo(2000);
    assertThat(placed.getLines()).isNotEmpty();
    assertThat(event(Topics.SHOP_ORDERS, "115310627314723954", "shopify-order-" + order + "-cancelled").getEvent())
        .isInstanceOf(OrderCancelled.class);
    OrderRefunded refunded = (OrderRefunded) event(Topics.SHOP_ORDERS, "guest-order-" + order,
        "shopify-refund-" + order).getEvent();
    assertThat(refunded.getRefundMinor()).as("two successful refund transactions: 75.00 + 10.00").isEqualTo(8500);

    CartEvent checkout = event(Topics.SHOP_CARTS, "603851970716743426", webhooks.get("checkouts/update"));
    assertThat(checkout.getType()).isEqualTo(CartEventType.CHECKOUT_STARTED);
    assertThat(event(Topics.SHOP_CARTS, "603851970716743426", webhooks.get("checkouts/create")).getType())
        .isEqualTo(CartEventType.CHECKOUT_STARTED);
    CartEvent cart = event(Topics.SHOP_CARTS, "guest-exampleCartId", webhooks.get("carts/create"));
    assertThat(cart.getValueMinor()).isEqualTo(5997);
    assertThat(event(Topics.SHOP_CARTS, "guest-exampleCartId", webhooks.get("carts/update"))).isNotNull();
    CustomerProfile profile = event(Topics.CRM_CUSTOMERS, "706405506930370084", webhooks.get("customers/create"));
    assertThat(profile.getName()).isEqualTo("Bob Biller");
    Product product = IngestTestSupport.records().await(Topics.CATALOG_PRODUCTS,
        r -> r.key().equals(A + "788032119674292922") && r.value().getEventId().equals(webhooks.get("products/update")),
        1, Duration.ofSeconds(10)).get(0).value();
    assertThat(product.getPriceMinor()).isEqualTo(1999);
    SubscriptionChanged subscription = event(Topics.APP_SUBSCRIPTIONS, "shop-548380009",
        webhooks.get("app_subscriptions/update"));
    assertThat(subscription.getPlan()).isEqualTo("plan-123");
    assertThat(subscription.getPriceMinor()).isEqualTo(1000);
  }

  /** The one record of {@code topic} for this customer whose value carries {@code eventId}. */
  private static <V extends SpecificRecord> V event(Topic<V> topic, String customer, String eventId) {
    java.util.function.Predicate<org.apache.kafka.clients.consumer.ConsumerRecord<String, V>> ofThisEvent =
        r -> r.key().equals(A + customer) && r.value().toString().contains("\"" + eventId + "\"");
    IngestTestSupport.records().await(topic, ofThisEvent, 1, Duration.ofSeconds(10));
    // Read on until the topic is quiet: "the one record" must also mean no second copy.
    var records = IngestTestSupport.records().readAll(topic, ofThisEvent, Duration.ofMillis(500));
    assertThat(records).as(eventId).hasSize(1);
    return records.get(0).value();
  }

  @Test
  void aTamperedBodyAMissingSignatureAndAnotherShopsSecretAreRejectedWith401() {
    byte[] body = IngestTestSupport.read("shopify/customers__create.json").getBytes(StandardCharsets.UTF_8);
    String signature = WebhookSignature.header(TestShops.SHOP_A_WEBHOOK_SECRET, body);
    byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("Bob", "Rob").getBytes(StandardCharsets.UTF_8);

    post("customers/create", uniqueId("w"), tampered, signature).then().statusCode(401)
        .body("fields[0].field", equalTo("X-Shopify-Hmac-Sha256"));
    post("customers/create", uniqueId("w"), body, null).then().statusCode(401);
    post("customers/create", uniqueId("w"), body,
        WebhookSignature.header(TestShops.SHOP_B_WEBHOOK_SECRET, body)).then().statusCode(401);
    post("customers/create", uniqueId("w"), body, "not base64 !").then().statusCode(401);
  }

  @Test
  void aRepeatedWebhookIdIsAcknowledgedAsADuplicateAndPublishedOnce() {
    String body = IngestTestSupport.read("shopify/customers__create.json")
        .replace("706405506930370084", "dup-customer-" + uniqueId("c"));
    String customer = body.substring(body.indexOf("dup-customer-"), body.indexOf('"', body.indexOf("dup-customer-")));
    String webhookId = uniqueId("w");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String signature = WebhookSignature.header(TestShops.SHOP_A_WEBHOOK_SECRET, bytes);

    post("customers/create", webhookId, bytes, signature).then().statusCode(202).body("accepted", equalTo(1));
    post("customers/create", webhookId, bytes, signature).then().statusCode(202)
        .body("accepted", equalTo(0)).body("duplicates", equalTo(1));

    assertThat(all(Topics.CRM_CUSTOMERS, A + customer)).hasSize(1);
  }

  @Test
  void anUnmappedTopicIsAcknowledgedAsIgnoredSoShopifyDoesNotRetry() {
    deliver("draft_orders/create", "draft_orders__create.json").then().statusCode(202)
        .body("accepted", equalTo(0)).body("ignored", equalTo(1));
  }

  private static Response deliver(String topic, String file) {
    byte[] body = IngestTestSupport.read("shopify/" + file).getBytes(StandardCharsets.UTF_8);
    return post(topic, uniqueId("w"), body, WebhookSignature.header(TestShops.SHOP_A_WEBHOOK_SECRET, body));
  }

  private static Response deliver(String topic, String file, String order) {
    return postSigned(topic, uniqueId("w"), signed(file, order));
  }

  private static Response postSigned(String topic, String webhookId, byte[] body) {
    return post(topic, webhookId, body, WebhookSignature.header(TestShops.SHOP_A_WEBHOOK_SECRET, body));
  }

  /** The example payload with its order (and refund) id replaced by {@code order}. */
  private static byte[] signed(String file, String order) {
    return IngestTestSupport.read("shopify/" + file).replace("gid://shopify/Order/820982911946154508",
        "gid://shopify/Order/" + order).replace("gid://shopify/Refund/890088186047892319", "gid://shopify/Refund/" + order)
        .replace("\"order_id\": 820982911946154500", "\"order_id\": " + order)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Response post(String topic, String webhookId, byte[] body, String signature) {
    var request = RestAssured.given().contentType("application/json").header("X-Shopify-Topic", topic)
        .header("X-Shopify-Webhook-Id", webhookId).body(body);
    if (signature != null) {
      request.header("X-Shopify-Hmac-Sha256", signature);
    }
    return request.when().post(PATH);
  }
}
