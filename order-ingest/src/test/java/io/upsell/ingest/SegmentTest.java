package io.upsell.ingest;

import static io.upsell.ingest.IngestTestSupport.await;
import static io.upsell.ingest.IngestTestSupport.postJson;
import static io.upsell.ingest.IngestTestSupport.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.upsell.schemas.app.SubscriptionChanged;
import io.upsell.schemas.app.SubscriptionStatus;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.topics.Topic;
import io.upsell.schemas.topics.Topics;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class SegmentTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where each Segment spec example must land; null: accepted and counted as ignored. */
  private static final Map<String, Topic<?>> EXPECTED = expected();

  private static Map<String, Topic<?>> expected() {
    Map<String, Topic<?>> m = new LinkedHashMap<>();
    for (String ignored : List.of("Products Searched", "Product List Viewed", "Product List Filtered",
        "Promotion Viewed", "Promotion Clicked", "Checkout Step Viewed", "Checkout Step Completed",
        "Payment Info Entered", "Order Updated", "Coupon Entered", "Coupon Applied", "Coupon Denied",
        "Coupon Removed", "Product Added to Wishlist", "Product Removed from Wishlist", "Product Shared",
        "Cart Shared", "Product Reviewed", "Account Deleted", "Signed Out", "Invite Sent", "Account Added User",
        "Account Removed User")) {
      m.put(ignored, null);
    }
    m.put("Product Clicked", Topics.SHOP_VIEWS);
    m.put("Product Viewed", Topics.SHOP_VIEWS);
    m.put("Product Added", Topics.SHOP_CARTS);
    m.put("Product Removed", Topics.SHOP_CARTS);
    m.put("Wishlist Product Added to Cart", Topics.SHOP_CARTS);
    m.put("Cart Viewed", Topics.SHOP_CARTS);
    m.put("Checkout Started", Topics.SHOP_CARTS);
    m.put("Order Completed", Topics.SHOP_ORDERS);
    m.put("Order Refunded", Topics.SHOP_ORDERS);
    m.put("Order Cancelled", Topics.SHOP_ORDERS);
    m.put("Account Created", Topics.CRM_CUSTOMERS);
    m.put("Trial Started", Topics.APP_SUBSCRIPTIONS);
    m.put("Trial Ended", Topics.APP_SUBSCRIPTIONS);
    return m;
  }

  @Test
  void everyEcommerceAndB2bExampleIsMappedOrCountedAsIgnored() throws Exception {
    List<ObjectNode> examples = new ArrayList<>();
    examples.addAll(examples("segment/ecommerce_v2_examples.json"));
    examples.addAll(examples("segment/b2b_saas_examples.json"));
    assertThat(examples).hasSize(36);
    assertThat(examples).extracting(e -> e.get("event").asText()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());

    Map<String, String> customerOf = new LinkedHashMap<>();
    ArrayNode batch = JSON.createArrayNode();
    for (ObjectNode example : examples) {
      // As Segment's libraries send them: with a user, a message id and a timestamp.
      String customer = uniqueId("seg");
      customerOf.put(example.get("event").asText(), customer);
      batch.add(example.deepCopy().put("userId", customer).put("messageId", uniqueId("m"))
          .put("timestamp", "2025-11-22T10:15:30.000Z"));
    }
    long ignored = EXPECTED.values().stream().filter(t -> t == null).count();
    postJson("/v1/segment", JSON.createObjectNode().set("batch", batch).toString())
        .then().statusCode(202)
        .body("accepted", equalTo((int) (EXPECTED.size() - ignored)))
        .body("ignored", equalTo((int) ignored))
        .body("ignoredEvents", hasItem("Products Searched"));

    for (var entry : EXPECTED.entrySet()) {
      if (entry.getValue() != null) {
        String key = TestShops.SHOP_A + ":" + customerOf.get(entry.getKey());
        assertThat(await(entry.getValue(), key, 1)).as(entry.getKey()).hasSize(1);
      }
    }
  }

  @Test
  void orderCompletedKeepsLinesAndConvertsDecimalMoneyToMinorUnits() throws Exception {
    ObjectNode order = example("Order Completed");
    String customer = uniqueId("seg");
    order.put("userId", customer).put("messageId", uniqueId("m"));
    postJson("/v1/segment", order.toString()).then().statusCode(202).body("accepted", equalTo(1));
    OrderPlaced placed = (OrderPlaced) await(Topics.SHOP_ORDERS, TestShops.SHOP_A + ":" + customer, 1)
        .get(0).value().getEvent();
    assertThat(placed.getTotalMinor()).isEqualTo(2750);
    assertThat(placed.getDiscountMinor()).isEqualTo(250);
    assertThat(placed.getCurrency()).isEqualTo("USD");
    assertThat(placed.getLines()).hasSize(order.at("/properties/products").size());
    assertThat(placed.getLines().get(0).getUnitPriceMinor()).isEqualTo(1900);
  }

  @Test
  void trialStartedBecomesATrialingSubscriptionEndingAtTheTrialEnd() throws Exception {
    ObjectNode trial = example("Trial Started");
    String customer = uniqueId("seg");
    trial.put("userId", customer).put("messageId", uniqueId("m"));
    postJson("/v1/segment", trial.toString()).then().statusCode(202);
    SubscriptionChanged changed = await(Topics.APP_SUBSCRIPTIONS, TestShops.SHOP_A + ":" + customer, 1).get(0).value();
    assertThat(changed.getStatus()).isEqualTo(SubscriptionStatus.TRIALING);
    assertThat(changed.getPlan()).isEqualTo("Business");
    assertThat(changed.getExpiresAt()).hasToString("2018-09-20T04:09:47Z");
  }

  @Test
  void identifyBecomesACustomerProfileAndBasicAuthWithTheWriteKeyWorks() {
    String customer = uniqueId("seg");
    String basic = "Basic " + Base64.getEncoder().encodeToString((TestShops.SHOP_A_KEY + ":")
        .getBytes(StandardCharsets.UTF_8));
    RestAssured.given().header("Authorization", basic).contentType("application/json")
        .body("{\"type\":\"identify\",\"userId\":\"" + customer + "\",\"messageId\":\"" + uniqueId("m")
            + "\",\"traits\":{\"email\":\"x@example.com\",\"firstName\":\"Ada\",\"lastName\":\"L\"},"
            + "\"context\":{\"locale\":\"ar-SA\",\"timezone\":\"Asia/Riyadh\"}}")
        .post("/v1/segment").then().statusCode(202).body("accepted", equalTo(1));
    CustomerProfile profile = await(Topics.CRM_CUSTOMERS, TestShops.SHOP_A + ":" + customer, 1).get(0).value();
    assertThat(profile.getLocale()).isEqualTo("ar");
    assertThat(profile.getTimeZone()).isEqualTo("Asia/Riyadh");
    assertThat(profile.getName()).isEqualTo("Ada L");
  }

  @Test
  void aMappedCallWithoutAnyUserIsRefusedNamingTheField() throws Exception {
    ObjectNode viewed = example("Product Viewed");
    postJson("/v1/segment", viewed.toString()).then().statusCode(400)
        .body("fields[0].field", equalTo("userId"));
  }

  @Test
  void unknownEventsAreAcceptedAsIgnoredNotErrors() {
    postJson("/v1/segment", "{\"type\":\"track\",\"event\":\"Spaceship Launched\",\"userId\":\"u\"}")
        .then().statusCode(202).body("accepted", equalTo(0)).body("ignored", equalTo(1))
        .body("ignoredEvents[0]", equalTo("Spaceship Launched"));
  }

  private static ObjectNode example(String event) throws Exception {
    List<ObjectNode> all = new ArrayList<>(examples("segment/ecommerce_v2_examples.json"));
    all.addAll(examples("segment/b2b_saas_examples.json"));
    return all.stream()
        .filter(e -> e.get("event").asText().equals(event)).findFirst().orElseThrow()
        .deepCopy();
  }

  private static List<ObjectNode> examples(String file) throws Exception {
    List<ObjectNode> list = new ArrayList<>();
    for (JsonNode node : JSON.readTree(IngestTestSupport.read(file))) {
      list.add((ObjectNode) node);
    }
    return list;
  }

}
