package io.upsell.ingest.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.upsell.ingest.events.Fields;
import io.upsell.ingest.events.NativeJson;
import io.upsell.ingest.events.NativeJson.Line;
import io.upsell.ingest.segment.SegmentCalls.Call;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Which Segment e-commerce v2 and B2B SaaS events become which native event. Prices are decimal major units in
 * {@code properties.currency}; a single-product cart event carries that product as the cart's items.
 */
final class SegmentTracks {

  private final Map<String, BiFunction<SegmentTracks, Call, NativeJson>> byEvent = Map.ofEntries(
      Map.entry("product viewed", (t, c) -> productViewed(c, "view")),
      Map.entry("product clicked", (t, c) -> productViewed(c, "click")),
      Map.entry("product added", (t, c) -> oneItemCart(c, "cart_item_added")),
      Map.entry("wishlist product added to cart", (t, c) -> oneItemCart(c, "cart_item_added")),
      Map.entry("product removed", (t, c) -> oneItemCart(c, "cart_item_removed")),
      Map.entry("cart viewed", (t, c) -> cart(c, "cart_viewed")),
      Map.entry("checkout started", (t, c) -> cart(c, "checkout_started")),
      Map.entry("order completed", (t, c) -> orderCompleted(c)),
      Map.entry("order refunded", (t, c) -> orderReversed(c, "order_refunded")),
      Map.entry("order cancelled", (t, c) -> orderReversed(c, "order_cancelled")),
      Map.entry("account created", (t, c) -> c.event("customer_profile")
          .text("name", c.properties().optText("account_name")).instant("createdAt", c.occurredAt())),
      Map.entry("trial started", (t, c) -> trial(c, "trialing")),
      Map.entry("trial ended", (t, c) -> trial(c, "expired")));

  boolean maps(String event) {
    return event.equals("identify") || byEvent.containsKey(event.toLowerCase(Locale.ROOT));
  }

  NativeJson track(String event, Call call) {
    return byEvent.get(event.toLowerCase(Locale.ROOT)).apply(this, call);
  }

  static NativeJson identify(Call c) {
    Fields traits = c.f().object("traits");
    String name = traits.optText("name");
    if (name == null && traits.has("firstName")) {
      name = (traits.optText("firstName") + " " + orEmpty(traits.optText("lastName"))).strip();
    }
    Fields context = c.f().object("context");
    return c.event("customer_profile")
        .text("email", traits.optText("email"))
        .text("name", name)
        .text("locale", language(context.raw("locale")))
        .text("timeZone", context.optText("timezone"))
        .bool("marketingConsent", traits.bool("marketingConsent", false))
        .instant("createdAt", traits.optInstant("createdAt"));
  }

  private static NativeJson productViewed(Call c, String source) {
    Fields p = c.properties();
    return c.event("product_viewed").text("productId", p.text("product_id")).text("category", p.optText("category"))
        .text("source", source);
  }

  private static NativeJson oneItemCart(Call c, String type) {
    Line line = line(c.properties());
    return c.event(type).text("cartId", cartId(c)).lines("items", List.of(line)).money("valueMinor", line.total());
  }

  private static NativeJson cart(Call c, String type) {
    List<Line> lines = lines(c.properties());
    BigDecimal value = first(c.properties(), "value", "revenue", sum(lines));
    return c.event(type).text("cartId", cartId(c)).lines("items", lines).money("valueMinor", value);
  }

  private static NativeJson orderCompleted(Call c) {
    Fields p = c.properties();
    List<Line> lines = lines(p);
    return c.event("order_placed").text("orderId", p.text("order_id")).lines("lines", lines)
        .money("totalMinor", first(p, "total", "revenue", sum(lines)))
        .money("discountMinor", p.optAmount("discount"))
        .text("couponCode", p.optText("coupon"));
  }

  private static NativeJson orderReversed(Call c, String type) {
    Fields p = c.properties();
    List<Line> lines = lines(p);
    return c.event(type).text("orderId", p.text("order_id")).lines("lines", lines)
        .money("refundMinor", first(p, "total", "revenue", sum(lines)));
  }

  private static NativeJson trial(Call c, String status) {
    Fields p = c.properties();
    String plan = p.optText("trial_plan_name");
    return c.event("subscription_changed").text("plan", plan == null ? "trial" : plan).text("status", status)
        .instant("expiresAt", p.optInstant("trial_end_date"));
  }

  private static String cartId(Call c) {
    Fields p = c.properties();
    for (String name : List.of("cart_id", "checkout_id", "order_id")) {
      if (p.has(name)) {
        return p.optText(name);
      }
    }
    return "segment-cart-" + c.customerId();
  }

  private static List<Line> lines(Fields properties) {
    return properties.objects("products", false).stream().map(SegmentTracks::line).toList();
  }

  private static Line line(Fields p) {
    Long quantity = p.optCount("quantity");
    BigDecimal price = p.optAmount("price");
    return new Line(p.text("product_id"), p.optText("sku"), p.optText("name"), p.optText("category"),
        quantity == null || quantity == 0 ? 1 : quantity, price == null ? BigDecimal.ZERO : price);
  }

  private static BigDecimal first(Fields p, String name, String fallbackName, BigDecimal fallback) {
    BigDecimal value = p.optAmount(name);
    if (value == null) {
      value = p.optAmount(fallbackName);
    }
    return value == null ? fallback : value;
  }

  private static BigDecimal sum(List<Line> lines) {
    return lines.stream().map(Line::total).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** The language of a locale tag ({@code ar-SA} → {@code ar}); null, so the default applies, when it names none. */
  // Only a hint of the client's library: a value that is no locale tag is left out rather than refused.
  static String language(JsonNode locale) {
    if (!locale.isTextual()) {
      return null;
    }
    String language = locale.asText().strip().split("[-_]", 2)[0];
    return language.matches("[A-Za-z]{2,8}") ? language.toLowerCase(Locale.ROOT) : null;
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
