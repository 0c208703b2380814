package io.upsell.deploy.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Native JSON events of the contract ({@code type}, {@code eventId}, {@code occurredAt}, camelCase fields). */
final class DemoEvents {

  private DemoEvents() {}

  static Map<String, Object> event(String type, String customerId, long at) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("type", type);
    event.put("eventId", type + "-" + UUID.randomUUID());
    if (customerId != null) {
      event.put("customerId", customerId);
    }
    event.put("occurredAt", at);
    return event;
  }

  static Map<String, Object> product(DemoCatalog.Item item, List<String> accessoryOf, long at) {
    Map<String, Object> event = event("product", null, at);
    event.put("productId", item.productId());
    event.put("name", item.name());
    event.put("category", item.category());
    event.put("priceMinor", item.priceMinor());
    event.put("currency", "GBP");
    event.put("accessoryOf", accessoryOf);
    return event;
  }

  /**
   * The demo catalog, every odd item an accessory of the one before it, so cross-sells have offers; then the SaaS
   * app's plans, so a storage prompt names the plan to move to.
   */
  static List<Map<String, Object>> catalog(DemoCatalog catalog, long at) {
    List<DemoCatalog.Item> items = catalog.items();
    List<Map<String, Object>> events = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      List<String> accessoryOf = i % 2 == 1 ? List.of(items.get(i - 1).productId()) : List.of();
      events.add(product(items.get(i), accessoryOf, at));
    }
    DemoCatalog.PLANS.forEach(plan -> events.add(plan(plan, at)));
    return events;
  }

  static Map<String, Object> plan(DemoCatalog.Plan plan, long at) {
    Map<String, Object> event = event("product", null, at);
    event.put("productId", plan.planId());
    event.put("name", plan.name());
    event.put("kind", "plan");
    event.put("quotas", Map.of("storage", plan.storageGb()));
    event.put("units", Map.of("storage", "GB"));
    event.put("tier", plan.tier());
    event.put("priceMinor", plan.priceMinor());
    event.put("currency", "GBP");
    if (plan.upgradeOf() != null) {
      event.put("upgradeOf", plan.upgradeOf());
    }
    return event;
  }

  static Map<String, Object> profile(String customerId, String name, String locale, long at) {
    Map<String, Object> event = event("customer_profile", customerId, at);
    event.put("email", customerId + "@demo.example");
    event.put("name", name);
    event.put("locale", locale);
    event.put("timeZone", locale.equals("ar") ? "Asia/Riyadh" : "Europe/London");
    event.put("marketingConsent", true);
    return event;
  }

  static Map<String, Object> cart(String type, String customerId, String cartId, List<DemoCatalog.Item> items,
      long at) {
    Map<String, Object> event = event(type, customerId, at);
    event.put("cartId", cartId);
    event.put("items", lines(items));
    event.put("valueMinor", items.stream().mapToLong(DemoCatalog.Item::priceMinor).sum());
    event.put("currency", "GBP");
    return event;
  }

  static Map<String, Object> order(String customerId, List<DemoCatalog.Item> items, long at) {
    return order(customerId, items, null, at);
  }

  /** An order; {@code couponCode} (a code from a message) makes it a redemption, null for none. */
  static Map<String, Object> order(String customerId, List<DemoCatalog.Item> items, String couponCode, long at) {
    Map<String, Object> event = event("order_placed", customerId, at);
    if (couponCode != null && !couponCode.isBlank()) {
      event.put("couponCode", couponCode.strip());
    }
    event.put("orderId", "o-" + UUID.randomUUID());
    event.put("lines", lines(items));
    event.put("totalMinor", items.stream().mapToLong(DemoCatalog.Item::priceMinor).sum());
    event.put("currency", "GBP");
    event.put("channel", "direct");
    return event;
  }

  /** A storage report of a customer on the first plan of the ladder, in GB. */
  static Map<String, Object> usage(String customerId, long usedGb, long at) {
    DemoCatalog.Plan plan = DemoCatalog.PLANS.get(0);
    Map<String, Object> event = event("usage_reported", customerId, at);
    event.put("resource", "storage");
    event.put("usedUnits", usedGb);
    event.put("quotaUnits", plan.storageGb());
    event.put("unit", "GB");
    event.put("plan", plan.planId());
    return event;
  }

  static Map<String, Object> course(String customerId, String courseId, int percent, long at) {
    Map<String, Object> event = event("course_progress", customerId, at);
    event.put("courseId", courseId);
    event.put("percent", percent);
    event.put("completed", percent >= 100);
    return event;
  }

  private static List<Map<String, Object>> lines(List<DemoCatalog.Item> items) {
    List<Map<String, Object>> lines = new ArrayList<>();
    for (DemoCatalog.Item item : items) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("productId", item.productId());
      line.put("name", item.name());
      line.put("category", item.category());
      line.put("quantity", 1);
      line.put("unitPriceMinor", item.priceMinor());
      lines.add(line);
    }
    return lines;
  }
}
