package io.upsell.ingest.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.upsell.ingest.events.Currencies;
import io.upsell.ingest.events.Fields;
import io.upsell.ingest.events.NativeJson;
import io.upsell.ingest.events.NativeJson.Line;
import io.upsell.ingest.events.Translation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which Shopify webhook topic becomes which native event. Orders are identified by order (so orders/paid after
 * orders/create is a duplicate, not a second sale); every other delivery by its webhook id. Topics without a
 * mapping are acknowledged and ignored, so Shopify does not retry them.
 */
public final class ShopifyTopics {

  private interface Mapping {
    NativeJson map(Fields payload, Delivery delivery);
  }

  /** One webhook delivery: its id, and the shop's currency for payloads that name none. */
  public record Delivery(String webhookId, String shopCurrency) {}

  private static final Map<String, Mapping> BY_TOPIC = Map.ofEntries(
      Map.entry("orders/create", ShopifyOrders::placed),
      Map.entry("orders/paid", ShopifyOrders::placed),
      Map.entry("orders/cancelled", ShopifyOrders::cancelled),
      Map.entry("refunds/create", ShopifyOrders::refunded),
      Map.entry("checkouts/create", ShopifyTopics::checkout),
      Map.entry("checkouts/update", ShopifyTopics::checkout),
      Map.entry("carts/create", ShopifyTopics::cart),
      Map.entry("carts/update", ShopifyTopics::cart),
      Map.entry("customers/create", ShopifyTopics::customer),
      Map.entry("products/update", ShopifyTopics::product),
      Map.entry("app_subscriptions/update", ShopifyTopics::appSubscription));

  public Translation translate(String topic, JsonNode payload, Delivery delivery) {
    Mapping mapping = BY_TOPIC.get(topic.toLowerCase(Locale.ROOT));
    if (mapping == null) {
      return Translation.ignored(topic);
    }
    Fields fields = Fields.of(payload, "");
    if (!fields.errors().isEmpty()) {
      return Translation.invalid(fields.errors());
    }
    NativeJson json = mapping.map(fields, delivery);
    return Translation.of(json, fields);
  }

  static String currency(Fields f, Delivery delivery) {
    String code = f.optText("currency");
    return code != null && Currencies.isCode(code) ? code.toUpperCase(Locale.ROOT) : delivery.shopCurrency();
  }

  private static NativeJson checkout(Fields f, Delivery d) {
    String cartId = f.has("cart_token") ? f.optText("cart_token") : f.text("token");
    return NativeJson.event("checkout_started", "shopify-" + d.webhookId(), ShopifyIds.customer(f, cartId),
            f.instant("updated_at"), currency(f, d))
        .text("cartId", cartId)
        .lines("items", ShopifyIds.lines(f, "line_items"))
        .money("valueMinor", ShopifyIds.amount(f, "total_price"))
        .text("checkoutUrl", f.optText("abandoned_checkout_url"));
  }

  // A cart delivery is the whole cart: recorded as an addition while it holds items, a removal once emptied.
  private static NativeJson cart(Fields f, Delivery d) {
    String cartId = f.has("token") ? f.optText("token") : f.text("id");
    List<Line> lines = ShopifyIds.lines(f, "line_items");
    BigDecimal value = lines.stream().map(Line::total).reduce(BigDecimal.ZERO, BigDecimal::add);
    String type = lines.isEmpty() ? "cart_item_removed" : "cart_item_added";
    return NativeJson.event(type, "shopify-" + d.webhookId(), "guest-" + cartId, f.instant("updated_at"),
            d.shopCurrency())
        .text("cartId", cartId).lines("items", lines).money("valueMinor", value);
  }

  private static NativeJson customer(Fields f, Delivery d) {
    String name = ((f.has("first_name") ? f.optText("first_name") : "") + " "
        + (f.has("last_name") ? f.optText("last_name") : "")).strip();
    Fields consent = f.object("email_marketing_consent");
    Instant created = f.instant("created_at");
    return NativeJson.event("customer_profile", "shopify-" + d.webhookId(), ShopifyIds.id(f), created,
            d.shopCurrency())
        .text("email", f.optText("email"))
        .text("name", name.isEmpty() ? null : name)
        .bool("marketingConsent", "subscribed".equalsIgnoreCase(consent.optText("state")))
        .instant("createdAt", created);
  }

  private static NativeJson product(Fields f, Delivery d) {
    List<Fields> variants = f.objects("variants", false);
    BigDecimal price = variants.isEmpty() ? BigDecimal.ZERO : ShopifyIds.amount(variants.get(0), "price");
    Fields image = f.object("image");
    NativeJson json = NativeJson.event("product", "shopify-" + d.webhookId(), null, f.instant("updated_at"),
            d.shopCurrency())
        .text("productId", ShopifyIds.id(f))
        .text("name", f.text("title"))
        .text("category", f.optText("product_type"))
        .text("imageUrl", image.optText("src"));
    return json.money("priceMinor", price);
  }

  private static NativeJson appSubscription(Fields payload, Delivery d) {
    Fields f = payload.object("app_subscription");
    String shopGid = f.text("admin_graphql_api_shop_id");
    String subscriber = shopGid.substring(shopGid.lastIndexOf('/') + 1);
    String plan = f.has("plan_handle") ? f.optText("plan_handle") : f.text("name");
    return NativeJson.event("subscription_changed", "shopify-" + d.webhookId(), "shop-" + subscriber,
            f.instant("updated_at"), currency(f, d))
        .text("plan", plan)
        .text("status", status(f.text("status")))
        .money("priceMinor", f.optAmount("price"));
  }

  // Shopify's AppSubscriptionStatus onto ours; PENDING (awaiting the merchant's approval) is not yet paying.
  private static String status(String shopify) {
    return switch (shopify.toUpperCase(Locale.ROOT)) {
      case "ACTIVE", "ACCEPTED" -> "active";
      case "CANCELLED", "DECLINED" -> "cancelled";
      case "EXPIRED" -> "expired";
      case "FROZEN" -> "past_due";
      default -> "trialing";
    };
  }
}
