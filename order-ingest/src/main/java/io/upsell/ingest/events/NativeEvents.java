package io.upsell.ingest.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.upsell.platform.http.ApiException;
import io.upsell.platform.http.FieldError;
import io.upsell.platform.shops.Shop;
import io.upsell.schemas.shop.CartEventType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Reads our native JSON events: the {@code type} picks the mapping, every field problem is reported at once, and
 * the shop always comes from the API key — a body naming another shop is refused with 403.
 */
public final class NativeEvents {

  /** Event types with no customer: they are about the shop or its catalog. */
  private static final Set<String> SHOP_LEVEL = Set.of("product", "marketing_spend");

  private final Map<String, BiFunction<Envelope, Fields, Draft<?>>> byType;

  public NativeEvents() {
    this.byType = Map.ofEntries(
        Map.entry("order_placed", CommerceEvents::orderPlaced),
        Map.entry("order_cancelled", CommerceEvents::orderCancelled),
        Map.entry("order_refunded", CommerceEvents::orderRefunded),
        Map.entry("cart_item_added", (e, f) -> CommerceEvents.cart(CartEventType.ITEM_ADDED, e, f)),
        Map.entry("cart_item_removed", (e, f) -> CommerceEvents.cart(CartEventType.ITEM_REMOVED, e, f)),
        Map.entry("cart_viewed", (e, f) -> CommerceEvents.cart(CartEventType.CART_VIEWED, e, f)),
        Map.entry("checkout_started", (e, f) -> CommerceEvents.cart(CartEventType.CHECKOUT_STARTED, e, f)),
        Map.entry("product_viewed", CommerceEvents::productViewed),
        Map.entry("session_started", CommerceEvents::sessionStarted),
        Map.entry("usage_reported", AppEvents::usageReported),
        Map.entry("subscription_changed", AppEvents::subscriptionChanged),
        Map.entry("course_progress", AppEvents::courseProgress),
        Map.entry("support_ticket", CustomerEvents::supportTicket),
        Map.entry("feedback", CustomerEvents::feedback),
        Map.entry("product", CatalogEvents::product),
        Map.entry("marketing_spend", CatalogEvents::marketingSpend));
  }

  /** Every type this API accepts, sorted. */
  public Set<String> types() {
    Set<String> types = new TreeSet<>(byType.keySet());
    types.add("customer_profile");
    return types;
  }

  /** One event read from {@code node}; its errors are named under {@code path} ({@code ""} or {@code [i]}). */
  public Read read(Shop shop, JsonNode node, String path) {
    Fields f = Fields.of(node, path);
    if (!f.errors().isEmpty()) {
      return new Read(null, f.errors());
    }
    String claimed = f.optText("shopId");
    if (claimed != null && !claimed.equals(shop.id())) {
      throw ApiException.forbidden(path.isEmpty() ? "shopId" : path + ".shopId",
          "this API key cannot write events for shop '" + claimed + "'");
    }
    String type = f.text("type");
    Envelope envelope = envelope(shop, f, SHOP_LEVEL.contains(type));
    Draft<?> draft = null;
    if (type.equals("customer_profile")) {
      draft = CustomerEvents.profile(envelope, f, shop.timeZone().getId());
    } else if (byType.containsKey(type)) {
      draft = byType.get(type).apply(envelope, f);
    } else if (!type.isEmpty()) {
      f.fail("type", "unknown event type; one of " + types());
    }
    return f.errors().isEmpty() ? new Read(draft, List.of()) : new Read(null, f.errors());
  }

  private static Envelope envelope(Shop shop, Fields f, boolean shopLevel) {
    // Both ids become record keys (the idempotency log's, every customer topic's): no megabyte keys, no CR/LF.
    String eventId = f.id("eventId");
    String customerId = shopLevel ? shop.id() : f.id("customerId");
    Instant occurredAt = f.instant("occurredAt");
    return new Envelope(shop.id(), eventId, customerId, occurredAt, shop.currency());
  }

  /** An event read from a request: a draft, or the reasons it has none. */
  public record Read(Draft<?> draft, List<FieldError> errors) {}
}
