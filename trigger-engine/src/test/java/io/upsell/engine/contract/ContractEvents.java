package io.upsell.engine.contract;

import static io.upsell.engine.testing.EngineDriver.SHOP;

import io.upsell.engine.testing.EngineDriver;
import io.upsell.schemas.app.CourseProgress;
import io.upsell.schemas.app.SubscriptionChanged;
import io.upsell.schemas.app.SubscriptionStatus;
import io.upsell.schemas.app.UsageReported;
import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.catalog.ProductKind;
import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.shop.CartEvent;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.shop.ProductViewed;
import io.upsell.schemas.shop.ViewEvent;
import io.upsell.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The events of the contract scenario as a shop and a SaaS app send them: carts and orders whose lines carry names,
 * prices and links (their products unknown to the catalog), a catalog with accessories, a better version, a next
 * course and a plan ladder basic 100 GB → pro 1 TB → business 5 TB with a yearly pro.
 */
final class ContractEvents {

  private final EngineDriver engine;
  private int sequence;

  ContractEvents(EngineDriver engine) {
    this.engine = engine;
  }

  void products() {
    engine.product(EngineDriver.productOf("tent").setName("Trail Tent 2P").setPriceMinor(14_900)
        .setImageUrl("https://cdn.shop.example.com/tent.jpg").build());
    engine.product(EngineDriver.productOf("tent-pegs").setName("Alloy Tent Pegs (12)").setPriceMinor(1_299)
        .setAccessoryOf(List.of("tent")).build());
    engine.product(EngineDriver.productOf("sleeping-bag").setName("Down Sleeping Bag").setPriceMinor(8_900).build());
    engine.product(EngineDriver.productOf("coffee-beans").setName("House Espresso Beans 1 kg").setPriceMinor(2_450)
        .setReplenishEveryDays(30).build());
    engine.product(EngineDriver.productOf("camera").setName("Snap 20 Camera").setPriceMinor(30_000).build());
    engine.product(EngineDriver.productOf("camera-pro").setName("Snap 20 Pro Camera").setPriceMinor(40_000)
        .setUpgradeOf("camera").build());
    engine.product(EngineDriver.productOf("course-101").setName("Photography Basics").setPriceMinor(4_900).build());
    engine.product(EngineDriver.productOf("course-201").setName("Portrait Lighting").setPriceMinor(6_900)
        .setNextCourseOf("course-101").build());
    plan("basic", "Basic", 900, 100, null, "month", 1);
    plan("pro", "Pro", 2_900, 1_000, "basic", "month", 2);
    plan("business", "Business", 9_900, 5_000, "pro", "month", 3);
    plan("pro-yearly", "Pro (yearly)", 29_000, 1_000, null, "year", 2);
  }

  private void plan(String id, String name, long price, long storageGb, String upgradeOf, String period, int tier) {
    engine.product(EngineDriver.productOf(id).setName(name).setPriceMinor(price).setKind(ProductKind.PLAN)
        .setQuotas(Map.of("storage", storageGb)).setUnits(Map.of("storage", "GB")).setUpgradeOf(upgradeOf)
        .setBillingPeriod(period).setTier(tier).build());
  }

  void cart(String customer, CartEventType type, long at, LineItem... lines) {
    long value = List.of(lines).stream().mapToLong(l -> l.getUnitPriceMinor() * l.getQuantity()).sum();
    engine.send(Topics.SHOP_CARTS, EngineDriver.key(customer), CartEvent.newBuilder().setShopId(SHOP)
        .setCustomerId(customer).setEventId(id("cart")).setOccurredAt(Instant.ofEpochMilli(at))
        .setCartId("cart-" + customer).setType(type).setItems(List.of(lines)).setValueMinor(value).setCurrency("GBP")
        .setCheckoutUrl(type == CartEventType.CHECKOUT_STARTED ? "https://shop.example.com/checkouts/" + customer : null)
        .build(), at);
  }

  void order(String customer, long at, LineItem... lines) {
    long total = List.of(lines).stream().mapToLong(l -> l.getUnitPriceMinor() * l.getQuantity()).sum();
    engine.send(Topics.SHOP_ORDERS, EngineDriver.key(customer), new OrderEvent(OrderPlaced.newBuilder().setShopId(SHOP)
        .setCustomerId(customer).setEventId(id("order")).setOccurredAt(Instant.ofEpochMilli(at))
        .setOrderId(id("o")).setLines(List.of(lines)).setTotalMinor(total).setCurrency("GBP").build()), at);
  }

  void view(String customer, long at, String productId) {
    engine.send(Topics.SHOP_VIEWS, EngineDriver.key(customer), new ViewEvent(ProductViewed.newBuilder().setShopId(SHOP)
        .setCustomerId(customer).setEventId(id("view")).setOccurredAt(Instant.ofEpochMilli(at)).setProductId(productId)
        .setProductUrl("https://shop.example.com/products/" + productId + "?ref=view").build()), at);
  }

  void storage(String customer, long at, String plan, long usedGb, long quotaGb) {
    engine.send(Topics.APP_USAGE, EngineDriver.key(customer), UsageReported.newBuilder().setShopId(SHOP)
        .setCustomerId(customer).setEventId(id("usage")).setOccurredAt(Instant.ofEpochMilli(at)).setResource("storage")
        .setUsedUnits(usedGb).setQuotaUnits(quotaGb).setUnit("GB").setPlan(plan).build(), at);
  }

  void featureRequest(String customer, long at, String feature, String requiredPlan) {
    engine.send(Topics.APP_USAGE, EngineDriver.key(customer), UsageReported.newBuilder().setShopId(SHOP)
        .setCustomerId(customer).setEventId(id("usage")).setOccurredAt(Instant.ofEpochMilli(at)).setResource("storage")
        .setUsedUnits(40).setQuotaUnits(100).setUnit("GB").setPlan("basic").setRequestedFeature(feature)
        .setRequiredPlan(requiredPlan).build(), at);
  }

  void subscription(String customer, long at, String plan, Duration expiresIn) {
    engine.send(Topics.APP_SUBSCRIPTIONS, EngineDriver.key(customer), SubscriptionChanged.newBuilder().setShopId(SHOP)
        .setCustomerId(customer).setEventId(id("sub")).setOccurredAt(Instant.ofEpochMilli(at)).setPlan(plan)
        .setStatus(SubscriptionStatus.ACTIVE).setExpiresAt(Instant.ofEpochMilli(at).plus(expiresIn))
        .setAutoRenew(false).setPriceMinor(2_900L).setCurrency("GBP").build(), at);
  }

  void courseCompleted(String customer, long at, String courseId) {
    engine.send(Topics.APP_COURSES, EngineDriver.key(customer), CourseProgress.newBuilder().setShopId(SHOP)
        .setCustomerId(customer).setEventId(id("course")).setOccurredAt(Instant.ofEpochMilli(at))
        .setCourseId(courseId).setPercent(100).setCompleted(true).build(), at);
  }

  /** A line as a shop sends it: name, unit price, quantity and the product's page. */
  static LineItem line(String productId, String name, long priceMinor, int quantity) {
    return LineItem.newBuilder().setProductId(productId).setName(name).setUnitPriceMinor(priceMinor)
        .setQuantity(quantity).setUrl("https://shop.example.com/products/" + productId)
        .setImageUrl("https://cdn.shop.example.com/" + productId + ".jpg").build();
  }

  private String id(String kind) {
    return kind + "-" + (++sequence);
  }
}
