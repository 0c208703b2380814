package io.upsell.ingest;

import static io.upsell.ingest.IngestTestSupport.await;
import static io.upsell.ingest.IngestTestSupport.postJson;
import static io.upsell.ingest.IngestTestSupport.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.upsell.schemas.app.SubscriptionStatus;
import io.upsell.schemas.app.UsageReported;
import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.catalog.ProductKind;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.crm.SupportTicket;
import io.upsell.schemas.notify.Engagement;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.shop.CartEvent;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.shop.MarketingSpend;
import io.upsell.schemas.shop.OrderCancelled;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.shop.OrderRefunded;
import io.upsell.schemas.shop.ProductViewed;
import io.upsell.schemas.shop.SessionStarted;
import io.upsell.schemas.shop.ViewEvent;
import io.upsell.schemas.topics.Topic;
import io.upsell.schemas.topics.Topics;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class NativeEventsTest {

  private static final long AT = 1_763_800_000_000L;

  @Test
  void orderPlacedLandsOnShopOrdersAsAvroKeyedByCustomerWithOccurredAtAsTimestamp() {
    String customer = uniqueId("c");
    OrderPlaced placed = accept(Topics.SHOP_ORDERS, customer, """
        {"type":"order_placed","orderId":"o-1","lines":[{"productId":"p-1","sku":"S1","category":"cams",
         "quantity":2,"unitPriceMinor":1250}],"totalMinor":2500,"discountMinor":100,"currency":"GBP",
         "channel":"email","couponCode":"TEN"}""", OrderEvent::getEvent, OrderPlaced.class);
    assertThat(placed.getShopId()).isEqualTo(TestShops.SHOP_A);
    assertThat(placed.getLines().get(0).getQuantity()).isEqualTo(2);
    assertThat(placed.getTotalMinor()).isEqualTo(2500);
    assertThat(placed.getChannel().name()).isEqualTo("EMAIL");
  }

  @Test
  void cancellationsAndRefundsShareTheOrderEnvelope() {
    String customer = uniqueId("c");
    OrderCancelled cancelled = accept(Topics.SHOP_ORDERS, customer,
        "{\"type\":\"order_cancelled\",\"orderId\":\"o-1\",\"refundMinor\":2500,\"reason\":\"customer\"}",
        OrderEvent::getEvent, OrderCancelled.class);
    assertThat(cancelled.getCurrency()).as("the shop's currency by default").isEqualTo("GBP");
    String other = uniqueId("c");
    OrderRefunded refunded = accept(Topics.SHOP_ORDERS, other,
        "{\"type\":\"order_refunded\",\"orderId\":\"o-2\",\"refundMinor\":900,\"currency\":\"usd\"}",
        OrderEvent::getEvent, OrderRefunded.class);
    assertThat(refunded.getCurrency()).isEqualTo("USD");
  }

  @Test
  void everyCartEventTypeLandsOnShopCarts() {
    List<String> types = List.of("cart_item_added", "cart_item_removed", "cart_viewed", "checkout_started");
    for (int i = 0; i < types.size(); i++) {
      String customer = uniqueId("c");
      CartEvent cart = accept(Topics.SHOP_CARTS, customer, "{\"type\":\"" + types.get(i) + "\",\"cartId\":\"k\","
          + "\"items\":[{\"productId\":\"p\",\"quantity\":1,\"unitPriceMinor\":5}],\"valueMinor\":5}", v -> v,
          CartEvent.class);
      assertThat(cart.getType()).isEqualTo(CartEventType.values()[i]);
    }
  }

  @Test
  void aCartEventNamingOnlyWhatChangedSaysSo() {
    String items = "\"items\":[{\"productId\":\"p\",\"quantity\":1,\"unitPriceMinor\":5}],\"valueMinor\":5";
    CartEvent change = accept(Topics.SHOP_CARTS, uniqueId("c"), "{\"type\":\"cart_item_removed\",\"cartId\":\"k\","
        + items + ",\"changedItemsOnly\":true}", v -> v, CartEvent.class);
    assertThat(change.getChangedItemsOnly()).isTrue();
    CartEvent snapshot = accept(Topics.SHOP_CARTS, uniqueId("c"), "{\"type\":\"cart_viewed\",\"cartId\":\"k\","
        + items + "}", v -> v, CartEvent.class);
    assertThat(snapshot.getChangedItemsOnly()).as("a cart event is a snapshot unless told").isFalse();
  }

  @Test
  void viewsAndSessionsLandOnShopViews() {
    ProductViewed viewed = accept(Topics.SHOP_VIEWS, uniqueId("c"),
        "{\"type\":\"product_viewed\",\"productId\":\"p-9\",\"sessionId\":\"s\"}", ViewEvent::getEvent,
        ProductViewed.class);
    assertThat(viewed.getProductId()).isEqualTo("p-9");
    SessionStarted started = accept(Topics.SHOP_VIEWS, uniqueId("c"),
        "{\"type\":\"session_started\",\"sessionId\":\"s-1\",\"source\":\"email\"}", ViewEvent::getEvent,
        SessionStarted.class);
    assertThat(started.getSource()).isEqualTo("email");
  }

  @Test
  void appEventsLandOnTheirTopics() {
    UsageReported usage = accept(Topics.APP_USAGE, uniqueId("c"), "{\"type\":\"usage_reported\","
        + "\"resource\":\"storage\",\"usedUnits\":86,\"quotaUnits\":100,\"plan\":\"basic\"}", v -> v,
        UsageReported.class);
    assertThat(usage.getUsedUnits()).isEqualTo(86);
    var subscription = accept(Topics.APP_SUBSCRIPTIONS, uniqueId("c"), "{\"type\":\"subscription_changed\","
        + "\"plan\":\"pro\",\"status\":\"active\",\"expiresAt\":\"2026-01-01T00:00:00Z\",\"autoRenew\":true}",
        v -> v, io.upsell.schemas.app.SubscriptionChanged.class);
    assertThat(subscription.getStatus()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(subscription.getExpiresAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    var course = accept(Topics.APP_COURSES, uniqueId("c"),
        "{\"type\":\"course_progress\",\"courseId\":\"java-1\",\"percent\":100}", v -> v,
        io.upsell.schemas.app.CourseProgress.class);
    assertThat(course.getCompleted()).as("100% means completed unless told").isTrue();
  }

  @Test
  void customerEventsLandOnCrmAndEngagementTopics() {
    CustomerProfile profile = accept(Topics.CRM_CUSTOMERS, uniqueId("c"), "{\"type\":\"customer_profile\","
        + "\"email\":\"a@example.com\",\"locale\":\"ar\",\"marketingConsent\":true}", v -> v, CustomerProfile.class);
    assertThat(profile.getTimeZone()).as("the shop's zone by default").isEqualTo("Europe/London");
    SupportTicket ticket = accept(Topics.CRM_SUPPORT, uniqueId("c"), "{\"type\":\"support_ticket\","
        + "\"ticketId\":\"t-1\",\"status\":\"open\",\"sentiment\":\"negative\"}", v -> v, SupportTicket.class);
    assertThat(ticket.getSentiment().name()).isEqualTo("NEGATIVE");
    Engagement feedback = accept(Topics.ENGAGEMENT_EVENTS, uniqueId("c"), "{\"type\":\"feedback\","
        + "\"productIds\":[\"p-2\"],\"triggerId\":\"t-9\"}", v -> v, Engagement.class);
    assertThat(feedback.getType()).isEqualTo(EngagementType.DOWNVOTED);
    assertThat(feedback.getProductIds()).containsExactly("p-2");
  }

  @Test
  void productsAreKeyedByProductAndSpendByShop() {
    String productId = uniqueId("p");
    String eventId = uniqueId("e");
    postJson("/v1/events", "{\"type\":\"product\",\"eventId\":\"" + eventId + "\",\"occurredAt\":" + AT
        + ",\"productId\":\"" + productId + "\",\"name\":\"Lens\",\"priceMinor\":9900,\"accessoryOf\":[\"p-1\"]}")
        .then().statusCode(202).body("accepted", equalTo(1));
    Product product = await(Topics.CATALOG_PRODUCTS, TestShops.SHOP_A + ":" + productId, 1).get(0).value();
    assertThat(product.getAccessoryOf()).containsExactly("p-1");

    String spendId = uniqueId("s");
    postJson("/v1/events", "{\"type\":\"marketing_spend\",\"eventId\":\"" + spendId + "\",\"occurredAt\":" + AT
        + ",\"day\":\"2010-12-01\",\"channel\":\"paid\",\"amountMinor\":50000}").then().statusCode(202);
    List<ConsumerRecord<String, MarketingSpend>> spend = IngestTestSupport.records().await(Topics.SHOP_SPEND,
        r -> r.value().getEventId().equals(spendId), 1, java.time.Duration.ofSeconds(10));
    assertThat(spend).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo(TestShops.SHOP_A));
  }

  @Test
  void aCartCarriesItsItemsNamesPricesAndLinksToTheShopsPages() {
    CartEvent cart = accept(Topics.SHOP_CARTS, uniqueId("c"), """
        {"type":"cart_item_added","cartId":"k","cartUrl":"https://shop.example.com/cart/k",
         "checkoutUrl":"https://shop.example.com/checkout/k","valueMinor":4500,"items":[{"productId":"mug",
         "name":"Blue mug","quantity":3,"unitPriceMinor":1500,"url":"https://shop.example.com/products/mug",
         "imageUrl":"https://cdn.example.com/mug.png"}]}""", v -> v, CartEvent.class);
    assertThat(cart.getCartUrl()).isEqualTo("https://shop.example.com/cart/k");
    assertThat(cart.getCheckoutUrl()).isEqualTo("https://shop.example.com/checkout/k");
    assertThat(cart.getItems()).singleElement().satisfies(item -> {
      assertThat(item.getName()).isEqualTo("Blue mug");
      assertThat(item.getUnitPriceMinor()).isEqualTo(1500);
      assertThat(item.getQuantity()).isEqualTo(3);
      assertThat(item.getUrl()).isEqualTo("https://shop.example.com/products/mug");
      assertThat(item.getImageUrl()).isEqualTo("https://cdn.example.com/mug.png");
    });
  }

  @Test
  void aViewCarriesItsProductUrlAndAUsageReportItsUnit() {
    ProductViewed viewed = accept(Topics.SHOP_VIEWS, uniqueId("c"), "{\"type\":\"product_viewed\","
        + "\"productId\":\"p-9\",\"productUrl\":\"https://shop.example.com/p/9\"}", ViewEvent::getEvent,
        ProductViewed.class);
    assertThat(viewed.getProductUrl()).isEqualTo("https://shop.example.com/p/9");
    UsageReported usage = accept(Topics.APP_USAGE, uniqueId("c"), "{\"type\":\"usage_reported\","
        + "\"resource\":\"storage\",\"usedUnits\":86,\"quotaUnits\":100,\"plan\":\"basic\",\"unit\":\"GB\"}",
        v -> v, UsageReported.class);
    assertThat(usage.getUnit()).isEqualTo("GB");
  }

  @Test
  void aPlanIsAProductOfKindPlanWithItsQuotasUnitsPeriodAndTier() {
    String planId = uniqueId("pro");
    postJson("/v1/events", "{\"type\":\"product\",\"eventId\":\"" + uniqueId("e") + "\",\"occurredAt\":" + AT
        + ",\"productId\":\"" + planId + "\",\"name\":\"Pro\",\"kind\":\"plan\",\"priceMinor\":1500,"
        + "\"quotas\":{\"storage\":1000,\"seats\":5},\"units\":{\"storage\":\"GB\"},\"tier\":2,"
        + "\"upgradeOf\":\"basic\"}").then().statusCode(202);
    Product plan = await(Topics.CATALOG_PRODUCTS, TestShops.SHOP_A + ":" + planId, 1).get(0).value();
    assertThat(plan.getKind()).isEqualTo(ProductKind.PLAN);
    assertThat(plan.getQuotas()).containsEntry("storage", 1000L).containsEntry("seats", 5L);
    assertThat(plan.getUnits()).containsEntry("storage", "GB");
    assertThat(plan.getBillingPeriod()).as("a plan is billed monthly unless it says").isEqualTo("month");
    assertThat(plan.getTier()).isEqualTo(2);
    assertThat(plan.getUpgradeOf()).isEqualTo("basic");
  }

  /** Posts {@code fields} as one event of a fresh customer and returns what arrived on {@code topic}. */
  private static <V extends SpecificRecord, T> T accept(Topic<V> topic, String customer, String fields,
      java.util.function.Function<V, Object> unwrap, Class<T> type) {
    String eventId = uniqueId("e");
    String body = fields.replaceFirst("\\{", "{\"eventId\":\"" + eventId + "\",\"customerId\":\"" + customer
        + "\",\"occurredAt\":" + AT + ",");
    postJson("/v1/events", body).then().statusCode(202).body("accepted", equalTo(1)).body("duplicates", equalTo(0));
    List<ConsumerRecord<String, V>> records = await(topic, TestShops.SHOP_A + ":" + customer, 1);
    assertThat(records).hasSize(1);
    assertThat(records.get(0).timestamp()).isEqualTo(AT);
    Object value = unwrap.apply(records.get(0).value());
    assertThat(value).isInstanceOf(type);
    return type.cast(value);
  }

}
