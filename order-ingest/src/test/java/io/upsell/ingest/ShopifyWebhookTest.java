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
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class ShopifyWebhookTest {

  private static final String PATH = "/v1/webhooks/shopify/" + TestShops.SHOP_A;
  private static final String A = TestShops.SHOP_A + ":";

  @Test
  void everyListedTopicIsVerifiedAndMappedOntoItsTopicWithTheRightKey() {
    deliver("orders/create", "orders__create.json").then().statusCode(202).body("accepted", equalTo(1));
    deliver("orders/paid", "orders__paid.json").then().statusCode(202)
        .body("accepted", equalTo(0)).body("duplicates", equalTo(1));
    deliver("orders/cancelled", "orders__cancelled.json").then().statusCode(202).body("accepted", equalTo(1));
    deliver("refunds/create", "refunds__create.json").then().statusCode(202).body("accepted", equalTo(1));
    for (String[] delivery : new String[][] {{"checkouts/create", "checkouts__create.json"},
        {"checkouts/update", "checkouts__update.json"}, {"carts/create", "carts__create.json"},
        {"carts/update", "carts__update.json"}, {"customers/create", "customers__create.json"},
        {"products/update", "products__update.json"}, {"app_subscriptions/update", "app_subscriptions__update.json"}}) {
      deliver(delivery[0], delivery[1]).then().statusCode(202).body("accepted", equalTo(1));
    }

    var orders = await(Topics.SHOP_ORDERS, A + "115310627314723954", 2);
    OrderPlaced placed = (OrderPlaced) orders.get(0).value().getEvent();
    assertThat(placed.getOrderId()).as("ids from the GID, not the lossy number").isEqualTo("820982911946154508");
    assertThat(placed.getTotalMinor()).isEqualTo(35997);
    assertThat(placed.getDiscountMinor()).isEqualTo(2000);
    assertThat(placed.getLines()).isNotEmpty();
    assertThat(orders.get(1).value().getEvent()).isInstanceOf(OrderCancelled.class);
    OrderRefunded refunded = (OrderRefunded) await(Topics.SHOP_ORDERS, A + "guest-order-820982911946154500", 1)
        .get(0).value().getEvent();
    assertThat(refunded.getRefundMinor()).as("two successful refund transactions: 75.00 + 10.00").isEqualTo(8500);

    var checkouts = await(Topics.SHOP_CARTS, A + "603851970716743426", 2);
    assertThat(checkouts).extracting(r -> r.value().getType()).containsOnly(CartEventType.CHECKOUT_STARTED);
    CartEvent cart = await(Topics.SHOP_CARTS, A + "guest-exampleCartId", 2).get(0).value();
    assertThat(cart.getValueMinor()).isEqualTo(5997);
    CustomerProfile profile = await(Topics.CRM_CUSTOMERS, A + "706405506930370084", 1).get(0).value();
    assertThat(profile.getName()).isEqualTo("Bob Biller");
    Product product = await(Topics.CATALOG_PRODUCTS, A + "788032119674292922", 1).get(0).value();
    assertThat(product.getPriceMinor()).isEqualTo(1999);
    SubscriptionChanged subscription = await(Topics.APP_SUBSCRIPTIONS, A + "shop-548380009", 1).get(0).value();
    assertThat(subscription.getPlan()).isEqualTo("plan-123");
    assertThat(subscription.getPriceMinor()).isEqualTo(1000);
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

  private static Response post(String topic, String webhookId, byte[] body, String signature) {
    var request = RestAssured.given().contentType("application/json").header("X-Shopify-Topic", topic)
        .header("X-Shopify-Webhook-Id", webhookId).body(body);
    if (signature != null) {
      request.header("X-Shopify-Hmac-Sha256", signature);
    }
    return request.when().post(PATH);
  }
}
