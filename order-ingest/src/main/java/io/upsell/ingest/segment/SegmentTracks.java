package io.upsell.ingest.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.upsell.ingest.events.Fields;
import io.upsell.ingest.events.NativeJson;
import io.upsell.ingest.events.NativeJson.Line;
import io.upsell.ingest.events.TrafficSource;
import io.upsell.ingest.segment.SegmentCalls.Call;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Which Segment e-commerce v2 and B2B SaaS events become which native event (docs/order-ingest.md lists each, and
 * why the rest are ignored). Prices are decimal major units in {@code properties.currency}; a single-product cart
 * call and a checkout step name only what changed ({@code changedItemsOnly}), not the whole cart.
 */
final class SegmentTracks {

  /** A review at or below this many stars (of five) says "not for me": a down-vote of the product. */
  static final BigDecimal LOW_RATING = BigDecimal.valueOf(2);

  private final Map<String, Function<Call, NativeJson>> byEvent = Map.ofEntries(
      Map.entry("product viewed", c -> productViewed(c, "view")),
      Map.entry("product clicked", c -> productViewed(c, "click")),
      Map.entry("product added to wishlist", c -> productViewed(c, "wishlist")),
      Map.entry("product shared", c -> productViewed(c, "share")),
      Map.entry("product reviewed", SegmentTracks::reviewed),
      Map.entry("product added", c -> oneItemCart(c, "cart_item_added")),
      Map.entry("wishlist product added to cart", c -> oneItemCart(c, "cart_item_added")),
      Map.entry("product removed", c -> oneItemCart(c, "cart_item_removed")),
      Map.entry("cart viewed", c -> cart(c, "cart_viewed")),
      Map.entry("checkout started", c -> cart(c, "checkout_started")),
      Map.entry("checkout step viewed", SegmentTracks::checkoutStep),
      Map.entry("checkout step completed", SegmentTracks::checkoutStep),
      Map.entry("payment info entered", SegmentTracks::checkoutStep),
      Map.entry("order completed", SegmentTracks::orderCompleted),
      Map.entry("order refunded", c -> orderReversed(c, "order_refunded")),
      Map.entry("order cancelled", c -> orderReversed(c, "order_cancelled")),
      Map.entry("signed up", SegmentAccounts::signedUp),
      Map.entry("account created", SegmentAccounts::accountCreated),
      Map.entry("account deleted", SegmentAccounts::accountDeleted),
      Map.entry("signed in", SegmentAccounts::signedIn),
      Map.entry("trial started", c -> SegmentAccounts.trial(c, "trialing")),
      Map.entry("trial ended", c -> SegmentAccounts.trial(c, "expired")));

  boolean maps(String event) {
    return event.equals("identify") || byEvent.containsKey(event.toLowerCase(Locale.ROOT));
  }

  NativeJson track(String event, Call call) {
    return byEvent.get(event.toLowerCase(Locale.ROOT)).apply(call);
  }

  private static NativeJson productViewed(Call c, String source) {
    Fields p = c.properties();
    return c.event("product_viewed").text("productId", p.id("product_id")).text("category", p.optText("category"))
        .text("source", source).text("productUrl", link(p, "url"));
  }

  // A low rating down-votes the product (no more offers of it); any other review is interest, like a view.
  private static NativeJson reviewed(Call c) {
    Fields p = c.properties();
    BigDecimal rating = p.optAmount("rating");
    if (rating == null || rating.compareTo(LOW_RATING) > 0) {
      return productViewed(c, "review");
    }
    return c.event("feedback").text("action", "downvoted").texts("productIds", List.of(p.id("product_id")));
  }

  // Segment names the one product added or removed, not the cart: the engine applies it to the cart it watches.
  private static NativeJson oneItemCart(Call c, String type) {
    Line line = line(c.properties());
    return c.event(type).text("cartId", cartId(c)).lines("items", List.of(line)).money("valueMinor", line.total())
        .bool("changedItemsOnly", true);
  }

  // A step of a started checkout names no items: checkout activity that keeps the checkout's products.
  private static NativeJson checkoutStep(Call c) {
    return c.event("checkout_started").text("cartId", cartId(c)).lines("items", List.of())
        .money("valueMinor", BigDecimal.ZERO).bool("changedItemsOnly", true);
  }

  private static NativeJson cart(Call c, String type) {
    List<Line> lines = lines(c.properties());
    BigDecimal value = first(c.properties(), "value", "revenue", sum(lines));
    return c.event(type).text("cartId", cartId(c)).lines("items", lines).money("valueMinor", value);
  }

  private static NativeJson orderCompleted(Call c) {
    Fields p = c.properties();
    List<Line> lines = lines(p);
    return c.event("order_placed").text("orderId", p.id("order_id")).lines("lines", lines)
        .money("totalMinor", first(p, "total", "revenue", sum(lines)))
        .money("discountMinor", p.optAmount("discount"))
        .text("couponCode", p.optText("coupon"))
        .text("channel", trafficSource(c.f()).channel());
  }

  // Segment's libraries put the page's UTM parameters in context.campaign and the page in context.page.
  static TrafficSource trafficSource(Fields call) {
    JsonNode context = call.raw("context");
    JsonNode campaign = context.path("campaign");
    JsonNode page = context.path("page");
    String url = TrafficSource.hint(page.get("url"));
    String medium = TrafficSource.hint(campaign.get("medium"));
    String source = TrafficSource.hint(campaign.get("source"));
    return new TrafficSource(medium != null ? medium : TrafficSource.parameter(url, "utm_medium"),
        source != null ? source : TrafficSource.parameter(url, "utm_source"), url, null,
        TrafficSource.hint(page.get("referrer")));
  }

  private static NativeJson orderReversed(Call c, String type) {
    Fields p = c.properties();
    List<Line> lines = lines(p);
    return c.event(type).text("orderId", p.id("order_id")).lines("lines", lines)
        .money("refundMinor", first(p, "total", "revenue", sum(lines)));
  }

  // Segment's links are optional hints: one that is not an absolute http(s) URL is dropped, not refused.
  private static String link(Fields p, String name) {
    JsonNode value = p.raw(name);
    return value != null && value.isTextual() && Fields.isHttpUrl(value.asText())
        && value.asText().length() <= Fields.MAX_URL_LENGTH ? value.asText() : null;
  }

  private static String cartId(Call c) {
    Fields p = c.properties();
    for (String name : List.of("cart_id", "checkout_id", "order_id")) {
      if (p.has(name)) {
        return p.optId(name);
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
    return new Line(p.id("product_id"), p.optText("sku"), p.optText("name"), p.optText("category"),
        quantity == null || quantity == 0 ? 1 : quantity, price == null ? BigDecimal.ZERO : price,
        link(p, "url"), link(p, "image_url"));
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
}
