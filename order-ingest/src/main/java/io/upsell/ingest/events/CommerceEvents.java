package io.upsell.ingest.events;

import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.shop.CartEvent;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.shop.OrderCancelled;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.shop.OrderRefunded;
import io.upsell.schemas.shop.ProductViewed;
import io.upsell.schemas.shop.SalesChannel;
import io.upsell.schemas.shop.SessionStarted;
import io.upsell.schemas.shop.ViewEvent;
import io.upsell.schemas.topics.Topics;
import java.util.List;

/** Native shop events: orders (placed, cancelled, refunded) on shop.orders, carts on shop.carts, views on shop.views. */
final class CommerceEvents {

  private CommerceEvents() {}

  static Draft<OrderEvent> orderPlaced(Envelope e, Fields f) {
    OrderPlaced placed = OrderPlaced.newBuilder()
        .setShopId(e.shopId()).setCustomerId(e.customerId()).setEventId(e.eventId()).setOccurredAt(e.occurredAt())
        .setOrderId(f.id("orderId"))
        .setLines(lines(f, "lines", true))
        .setTotalMinor(f.count("totalMinor"))
        .setDiscountMinor(orZero(f.optCount("discountMinor")))
        .setCurrency(Currencies.read(f, "currency", e.currency()))
        .setCouponCode(f.optText("couponCode"))
        .setChannel(orDirect(f.optChoice("channel", SalesChannel.class)))
        .setNotificationId(f.optId("notificationId"))
        .build();
    return order(e, placed);
  }

  static Draft<OrderEvent> orderCancelled(Envelope e, Fields f) {
    return order(e, OrderCancelled.newBuilder()
        .setShopId(e.shopId()).setCustomerId(e.customerId()).setEventId(e.eventId()).setOccurredAt(e.occurredAt())
        .setOrderId(f.id("orderId"))
        .setLines(lines(f, "lines", false))
        .setRefundMinor(f.count("refundMinor"))
        .setCurrency(Currencies.read(f, "currency", e.currency()))
        .setReason(f.optText("reason"))
        .build());
  }

  static Draft<OrderEvent> orderRefunded(Envelope e, Fields f) {
    return order(e, OrderRefunded.newBuilder()
        .setShopId(e.shopId()).setCustomerId(e.customerId()).setEventId(e.eventId()).setOccurredAt(e.occurredAt())
        .setOrderId(f.id("orderId"))
        .setLines(lines(f, "lines", false))
        .setRefundMinor(f.count("refundMinor"))
        .setCurrency(Currencies.read(f, "currency", e.currency()))
        .setReason(f.optText("reason"))
        .build());
  }

  /** A cart change of the given kind, with the cart as it is after it (or only what changed: changedItemsOnly). */
  static Draft<CartEvent> cart(CartEventType type, Envelope e, Fields f) {
    CartEvent cart = CartEvent.newBuilder()
        .setShopId(e.shopId()).setCustomerId(e.customerId()).setEventId(e.eventId()).setOccurredAt(e.occurredAt())
        .setCartId(f.id("cartId"))
        .setType(type)
        .setItems(lines(f, "items", true))
        .setValueMinor(f.count("valueMinor"))
        .setCurrency(Currencies.read(f, "currency", e.currency()))
        .setCheckoutUrl(f.optUrl("checkoutUrl"))
        .setCartUrl(f.optUrl("cartUrl"))
        .setChangedItemsOnly(f.bool("changedItemsOnly", false))
        .build();
    return new Draft<>(Topics.SHOP_CARTS, e.shopId(), e.customerId(), cart, e.occurredAt(), e.eventId());
  }

  static Draft<ViewEvent> productViewed(Envelope e, Fields f) {
    ProductViewed viewed = ProductViewed.newBuilder()
        .setShopId(e.shopId()).setCustomerId(e.customerId()).setEventId(e.eventId()).setOccurredAt(e.occurredAt())
        .setProductId(f.id("productId"))
        .setCategory(f.optText("category"))
        .setSessionId(f.optId("sessionId"))
        .setSource(f.optText("source"))
        .setProductUrl(f.optUrl("productUrl"))
        .build();
    return view(e, ViewEvent.newBuilder().setEvent(viewed).build());
  }

  static Draft<ViewEvent> sessionStarted(Envelope e, Fields f) {
    SessionStarted started = SessionStarted.newBuilder()
        .setShopId(e.shopId()).setCustomerId(e.customerId()).setEventId(e.eventId()).setOccurredAt(e.occurredAt())
        .setSessionId(f.id("sessionId"))
        .setSource(f.optText("source"))
        .build();
    return view(e, ViewEvent.newBuilder().setEvent(started).build());
  }

  /** Order or cart lines: productId, quantity (at least 1) and unitPriceMinor required. */
  static List<LineItem> lines(Fields f, String name, boolean required) {
    return f.objects(name, required).stream().map(line -> {
      int quantity = line.bounded("quantity", 1, Integer.MAX_VALUE);
      return LineItem.newBuilder()
          .setProductId(line.id("productId"))
          .setSku(line.optText("sku"))
          .setName(line.optText("name"))
          .setCategory(line.optText("category"))
          .setQuantity(quantity)
          .setUnitPriceMinor(line.count("unitPriceMinor"))
          .setUrl(line.optUrl("url"))
          .setImageUrl(line.optUrl("imageUrl"))
          .build();
    }).toList();
  }

  static Draft<OrderEvent> order(Envelope e, Object fact) {
    OrderEvent event = OrderEvent.newBuilder().setEvent(fact).build();
    return new Draft<>(Topics.SHOP_ORDERS, e.shopId(), e.customerId(), event, e.occurredAt(), e.eventId());
  }

  private static Draft<ViewEvent> view(Envelope e, ViewEvent event) {
    return new Draft<>(Topics.SHOP_VIEWS, e.shopId(), e.customerId(), event, e.occurredAt(), e.eventId());
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  private static SalesChannel orDirect(SalesChannel channel) {
    return channel == null ? SalesChannel.DIRECT : channel;
  }
}
