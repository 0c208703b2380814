package io.upsell.ingest;

import static io.upsell.ingest.IngestTestSupport.await;
import static io.upsell.ingest.IngestTestSupport.postJson;
import static io.upsell.ingest.IngestTestSupport.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.upsell.schemas.app.SubscriptionChanged;
import io.upsell.schemas.app.SubscriptionStatus;
import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.notify.Engagement;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.shop.CartEvent;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.shop.OrderCancelled;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.shop.OrderRefunded;
import io.upsell.schemas.shop.ProductViewed;
import io.upsell.schemas.shop.SessionStarted;
import io.upsell.schemas.topics.Topic;
import io.upsell.schemas.topics.Topics;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each of the 28 e-commerce and 8 B2B SaaS examples in ../shared/data/segment/, sent as Segment's libraries send it
 * (a user, a message id, a timestamp), lands as the native event it maps onto — type, key, ids, amounts in minor
 * units — or is accepted and counted as ignored.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class SegmentExamplesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AT = "2025-11-22T10:15:30Z";
  private static final String PRODUCT = "507f1f77bcf86cd799439011";
  private static final String ORDER = "50314b8e9bcf000000000000";
  /** No event type of ours fits these (docs/order-ingest.md says why for each). */
  private static final Set<String> IGNORED = Set.of("Products Searched", "Product List Viewed",
      "Product List Filtered", "Promotion Viewed", "Promotion Clicked", "Order Updated", "Coupon Entered", "Coupon Applied",
      "Coupon Denied", "Coupon Removed", "Product Removed from Wishlist", "Cart Shared", "Signed Out", "Invite Sent",
      "Account Added User", "Account Removed User");

  static Stream<Arguments> examples() throws Exception {
    List<Arguments> all = new ArrayList<>();
    for (String file : List.of("segment/ecommerce_v2_examples.json", "segment/b2b_saas_examples.json")) {
      for (JsonNode example : JSON.readTree(IngestTestSupport.read(file))) {
        all.add(Arguments.of(example.get("event").asText(), example));
      }
    }
    assertThat(all).hasSize(36);
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void theExampleMapsOntoItsEventOrIsCountedAsIgnored(String event, ObjectNode example) {
    String customer = uniqueId("seg");
    String messageId = uniqueId("m");
    ObjectNode call = example.deepCopy().put("userId", customer).put("messageId", messageId).put("timestamp", AT);
    if (IGNORED.contains(event)) {
      postJson("/v1/segment", call.toString()).then().statusCode(202).body("accepted", equalTo(0))
          .body("ignored", equalTo(1)).body("ignoredEvents", contains(event));
      return;
    }
    postJson("/v1/segment", call.toString()).then().statusCode(202).body("accepted", equalTo(1))
        .body("ignored", equalTo(0));
    Mapped m = new Mapped(TestShops.SHOP_A + ":" + customer, messageId);
    switch (event) {
      case "Product Viewed" -> assertThat(m.viewed("view", "Games").getProductUrl())
          .isEqualTo("https://www.example.com/product/path");
      case "Product Clicked" -> m.viewed("click", "Games");
      case "Product Added to Wishlist" -> m.viewed("wishlist", "Games");
      case "Product Shared" -> m.viewed("share", "Games");
      case "Product Reviewed" -> m.viewed("review", null); // five stars: interest, not a down-vote
      case "Product Added" ->
          m.cartChange(CartEventType.ITEM_ADDED, "skdjsidjsdkdj29j", 1899, "GBP", line(PRODUCT, 1, 1899));
      case "Wishlist Product Added to Cart" ->
          m.cartChange(CartEventType.ITEM_ADDED, "99j2d92j9dj29dj29d2d", 1899, "GBP", line(PRODUCT, 1, 1899));
      case "Product Removed" ->
          m.cartChange(CartEventType.ITEM_REMOVED, "ksjdj92dj29dj92d2j", 1899, "GBP", line(PRODUCT, 1, 1899));
      case "Checkout Step Viewed", "Checkout Step Completed" ->
          m.cartChange(CartEventType.CHECKOUT_STARTED, ORDER, 0, "GBP");
      case "Payment Info Entered" -> m.cartChange(CartEventType.CHECKOUT_STARTED, "39f39fj39f3jf93fj9fj39fj3f", 0, "GBP");
      case "Cart Viewed" -> assertThat(m.cart(CartEventType.CART_VIEWED, "d92jd29jd92jd29j92d92jd", 2200, "GBP",
          line(PRODUCT, 1, 1900), line("505bd76785ebb509fc183733", 1, 300)).getItems())
          .extracting(LineItem::getName, LineItem::getUrl, LineItem::getImageUrl)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("Monopoly: 3rd Edition",
              "https://www.example.com/product/path", "https://www.example.com/product/path.jpg"),
              org.assertj.core.groups.Tuple.tuple("Uno Card Game", null, null));
      case "Checkout Started" -> m.cart(CartEventType.CHECKOUT_STARTED, ORDER, 3000, "USD",
          line(PRODUCT, 1, 1900), line("505bd76785ebb509fc183733", 2, 300));
      case "Order Completed" -> m.orderCompleted();
      case "Order Refunded" -> {
        OrderRefunded refunded = (OrderRefunded) m.one(Topics.SHOP_ORDERS).getEvent();
        assertThat(refunded.getEventId()).isEqualTo(messageId);
        assertThat(refunded.getOrderId()).isEqualTo(ORDER);
        assertThat(refunded.getRefundMinor()).isEqualTo(3000);
        assertThat(refunded.getCurrency()).isEqualTo("USD");
        assertThat(refunded.getLines()).extracting(LineItem::getProductId).containsExactly(PRODUCT,
            "505bd76785ebb509fc183733");
      }
      case "Order Cancelled" -> {
        OrderCancelled cancelled = (OrderCancelled) m.one(Topics.SHOP_ORDERS).getEvent();
        assertThat(cancelled.getOrderId()).isEqualTo(ORDER);
        assertThat(cancelled.getRefundMinor()).isEqualTo(3000);
        assertThat(cancelled.getCurrency()).isEqualTo("USD");
      }
      case "Account Created" -> {
        CustomerProfile profile = m.one(Topics.CRM_CUSTOMERS);
        assertThat(profile.getName()).isEqualTo("Initech");
        assertThat(profile.getCreatedAt()).isEqualTo(Instant.parse(AT));
      }
      case "Account Deleted" -> {
        CustomerProfile profile = m.one(Topics.CRM_CUSTOMERS);
        assertThat(profile.getMarketingConsent()).isFalse();
        assertThat(profile.getEmail()).isNull();
      }
      case "Trial Started" -> m.trial(SubscriptionStatus.TRIALING);
      case "Trial Ended" -> m.trial(SubscriptionStatus.EXPIRED);
      default -> throw new AssertionError("no expectation for " + event);
    }
  }

  @Test
  void aLowRatedReviewDownVotesTheProduct() {
    String customer = uniqueId("seg");
    String messageId = uniqueId("m");
    postJson("/v1/segment", "{\"type\":\"track\",\"event\":\"Product Reviewed\",\"userId\":\"" + customer
        + "\",\"messageId\":\"" + messageId + "\",\"timestamp\":\"" + AT + "\",\"properties\":{\"product_id\":\""
        + PRODUCT + "\",\"rating\":\"1\"}}").then().statusCode(202).body("accepted", equalTo(1));
    Engagement feedback = new Mapped(TestShops.SHOP_A + ":" + customer, messageId).one(Topics.ENGAGEMENT_EVENTS);
    assertThat(feedback.getType()).isEqualTo(EngagementType.DOWNVOTED);
    assertThat(feedback.getProductIds()).containsExactly(PRODUCT);
  }

  @Test
  void signedUpIsANewProfileAndSignedInASession() {
    String customer = uniqueId("seg");
    String up = uniqueId("m");
    String in = uniqueId("m");
    postJson("/v1/segment", "{\"batch\":[{\"type\":\"track\",\"event\":\"Signed Up\",\"userId\":\"" + customer
        + "\",\"messageId\":\"" + up + "\",\"timestamp\":\"" + AT + "\",\"properties\":{\"first_name\":\"Peter\","
        + "\"last_name\":\"Gibbons\",\"email\":\"pg@example.com\"}},{\"type\":\"track\",\"event\":\"Signed In\","
        + "\"userId\":\"" + customer + "\",\"messageId\":\"" + in + "\",\"timestamp\":\"" + AT + "\","
        + "\"properties\":{\"username\":\"pgibbons\"}}]}").then().statusCode(202).body("accepted", equalTo(2));
    Mapped m = new Mapped(TestShops.SHOP_A + ":" + customer, up);
    CustomerProfile profile = m.one(Topics.CRM_CUSTOMERS);
    assertThat(profile.getName()).isEqualTo("Peter Gibbons");
    assertThat(profile.getEmail()).isEqualTo("pg@example.com");
    assertThat(profile.getCreatedAt()).isEqualTo(Instant.parse(AT));
    SessionStarted session = (SessionStarted) new Mapped(m.key, in).one(Topics.SHOP_VIEWS).getEvent();
    assertThat(session.getSessionId()).isEqualTo(in);
    assertThat(session.getSource()).isEqualTo("sign-in");
  }

  @Test
  void ignoredCallsAreCountedInTheIgnoredMetric() {
    double before = ignoredTotal();
    postJson("/v1/segment", "{\"batch\":[{\"type\":\"track\",\"event\":\"Coupon Denied\",\"userId\":\"u\"},"
        + "{\"type\":\"page\",\"userId\":\"u\"},{\"type\":\"track\",\"event\":\"Spaceship Launched\",\"userId\":\"u\"}]}")
        .then().statusCode(202).body("ignored", equalTo(3));
    assertThat(ignoredTotal() - before).isEqualTo(3.0);
  }

  private static double ignoredTotal() {
    String metrics = RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
    Matcher line = Pattern.compile("(?m)^upsell_ingest_segment_ignored_total(\\{[^}]*})? (\\S+)$").matcher(metrics);
    assertThat(line.find()).as("upsell_ingest_segment_ignored_total in /q/metrics").isTrue();
    return Double.parseDouble(line.group(2));
  }

  private static LineItem line(String productId, int quantity, long unitPriceMinor) {
    return LineItem.newBuilder().setProductId(productId).setQuantity(quantity).setUnitPriceMinor(unitPriceMinor)
        .build();
  }

  /** The record one call was published as: on its topic, under the customer's key, carrying the call's id. */
  private record Mapped(String key, String eventId) {

    <V extends SpecificRecord> V one(Topic<V> topic) {
      List<ConsumerRecord<String, V>> records = await(topic, key, 1);
      assertThat(records).hasSize(1);
      assertThat(records.get(0).timestamp()).isEqualTo(Instant.parse(AT).toEpochMilli());
      V value = records.get(0).value();
      assertThat(value.toString()).contains("\"eventId\": \"" + eventId + "\"");
      return value;
    }

    ProductViewed viewed(String source, String category) {
      ProductViewed viewed = (ProductViewed) one(Topics.SHOP_VIEWS).getEvent();
      assertThat(viewed.getProductId()).isEqualTo(PRODUCT);
      assertThat(viewed.getCategory()).isEqualTo(category);
      assertThat(viewed.getSource()).isEqualTo(source);
      return viewed;
    }

    /** A cart event with the whole cart after it. */
    CartEvent cart(CartEventType type, String cartId, long valueMinor, String currency, LineItem... lines) {
      CartEvent cart = landed(type, cartId, valueMinor, currency, lines);
      assertThat(cart.getChangedItemsOnly()).isFalse();
      return cart;
    }

    /** A cart event naming only what changed. */
    void cartChange(CartEventType type, String cartId, long valueMinor, String currency, LineItem... lines) {
      assertThat(landed(type, cartId, valueMinor, currency, lines).getChangedItemsOnly()).isTrue();
    }

    private CartEvent landed(CartEventType type, String cartId, long valueMinor, String currency, LineItem[] lines) {
      CartEvent cart = one(Topics.SHOP_CARTS);
      assertThat(cart.getType()).isEqualTo(type);
      assertThat(cart.getCartId()).isEqualTo(cartId);
      assertThat(cart.getValueMinor()).isEqualTo(valueMinor);
      assertThat(cart.getCurrency()).isEqualTo(currency);
      assertThat(cart.getItems()).extracting(LineItem::getProductId, LineItem::getQuantity, LineItem::getUnitPriceMinor)
          .containsExactly(Stream.of(lines).map(l -> org.assertj.core.groups.Tuple.tuple(l.getProductId(),
              l.getQuantity(), l.getUnitPriceMinor())).toArray(org.assertj.core.groups.Tuple[]::new));
      return cart;
    }

    void orderCompleted() {
      OrderPlaced placed = (OrderPlaced) one(Topics.SHOP_ORDERS).getEvent();
      assertThat(placed.getOrderId()).isEqualTo(ORDER);
      assertThat(placed.getTotalMinor()).isEqualTo(2750);
      assertThat(placed.getDiscountMinor()).isEqualTo(250);
      assertThat(placed.getCurrency()).isEqualTo("USD");
      assertThat(placed.getCouponCode()).isEqualTo("hasbros");
      assertThat(placed.getLines().get(0).getProductId()).isEqualTo(PRODUCT);
      assertThat(placed.getLines().get(0).getUnitPriceMinor()).isEqualTo(1900);
    }

    void trial(SubscriptionStatus status) {
      SubscriptionChanged changed = one(Topics.APP_SUBSCRIPTIONS);
      assertThat(changed.getStatus()).isEqualTo(status);
      assertThat(changed.getPlan()).isEqualTo("Business");
      assertThat(changed.getExpiresAt()).isEqualTo(Instant.parse("2018-09-20T04:09:47Z"));
    }
  }
}
