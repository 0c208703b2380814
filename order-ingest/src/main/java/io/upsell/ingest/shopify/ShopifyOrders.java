package io.upsell.ingest.shopify;

import io.upsell.ingest.events.Fields;
import io.upsell.ingest.events.NativeJson;
import io.upsell.ingest.events.NativeJson.Line;
import io.upsell.ingest.events.TrafficSource;
import io.upsell.ingest.shopify.ShopifyTopics.Delivery;
import java.math.BigDecimal;
import java.util.List;

/**
 * Shopify orders and refunds as order facts. The eventId names the order and what happened to it, so the same
 * order reported by orders/create and orders/paid is published once.
 */
final class ShopifyOrders {

  private ShopifyOrders() {}

  static NativeJson placed(Fields f, Delivery d) {
    String orderId = ShopifyIds.id(f);
    List<Fields> codes = f.objects("discount_codes", false);
    return NativeJson.event("order_placed", "shopify-order-" + orderId + "-placed",
            ShopifyIds.customer(f, "order-" + orderId), f.instant("created_at"), ShopifyTopics.currency(f, d))
        .text("orderId", orderId)
        .lines("lines", ShopifyIds.lines(f, "line_items"))
        .money("totalMinor", ShopifyIds.amount(f, "total_price"))
        .money("discountMinor", ShopifyIds.amount(f, "total_discounts"))
        .text("couponCode", codes.isEmpty() ? null : codes.get(0).optText("code"))
        .text("channel", trafficSource(f).channel());
  }

  // landing_site is the first page of the visit, with its UTM parameters; source_name the app or sales channel.
  static TrafficSource trafficSource(Fields f) {
    String landing = TrafficSource.hint(f.raw("landing_site"));
    return new TrafficSource(TrafficSource.parameter(landing, "utm_medium"),
        TrafficSource.parameter(landing, "utm_source"), landing, TrafficSource.hint(f.raw("source_name")),
        TrafficSource.hint(f.raw("referring_site")));
  }

  static NativeJson cancelled(Fields f, Delivery d) {
    String orderId = ShopifyIds.id(f);
    return NativeJson.event("order_cancelled", "shopify-order-" + orderId + "-cancelled",
            ShopifyIds.customer(f, "order-" + orderId), f.instant("cancelled_at"), ShopifyTopics.currency(f, d))
        .text("orderId", orderId)
        .lines("lines", ShopifyIds.lines(f, "line_items"))
        .money("refundMinor", ShopifyIds.amount(f, "total_price"))
        .text("reason", f.optText("cancel_reason"));
  }

  // A refund names its order but not the customer: it is keyed as the order's guest until orders are joined.
  static NativeJson refunded(Fields f, Delivery d) {
    String orderId = f.text("order_id");
    List<Line> lines = f.objects("refund_line_items", false).stream()
        .map(item -> ShopifyIds.line(item.object("line_item"))).toList();
    BigDecimal refunded = f.objects("transactions", false).stream()
        .filter(t -> "refund".equals(t.optText("kind")) && !"failure".equals(t.optText("status")))
        .map(t -> ShopifyIds.amount(t, "amount")).reduce(BigDecimal.ZERO, BigDecimal::add);
    return NativeJson.event("order_refunded", "shopify-refund-" + ShopifyIds.id(f), "guest-order-" + orderId,
            f.instant("created_at"), d.shopCurrency())
        .text("orderId", orderId)
        .lines("lines", lines)
        .money("refundMinor", refunded)
        .text("reason", f.optText("note"));
  }
}
