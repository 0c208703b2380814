package io.upsell.ingest.api;

/** Descriptions and examples of the OpenAPI document, kept out of the resources so they read as code. */
final class ApiDocs {

  private ApiDocs() {}

  static final String SINGLE = "One native event. `type` picks the record: order_placed, order_cancelled, "
      + "order_refunded, cart_item_added, cart_item_removed, cart_viewed, checkout_started, product_viewed, "
      + "session_started, usage_reported, subscription_changed, course_progress, customer_profile, support_ticket, "
      + "product, marketing_spend, feedback. Every event has eventId (the idempotency key, 7 days), customerId "
      + "(not for product / marketing_spend) and occurredAt (epoch millis or ISO-8601), plus the fields of its "
      + "Avro record in camelCase; money is in minor units. The shop comes from the API key; a body naming "
      + "another shopId gets 403. 202 only after Kafka acknowledged (acks=all); a repeated eventId is answered "
      + "as a duplicate and not published again.";

  static final String BATCH = "Up to 1,000 events (body ≤ 5 MB) as a JSON array, or NDJSON with Content-Type "
      + "application/x-ndjson. All or nothing: if any item is invalid the answer is 400 listing every bad item as "
      + "`[index].field` with the reason, and nothing of the batch is published; otherwise all of it is published "
      + "in one Kafka transaction.";

  static final String USAGE = "{\"type\":\"usage_reported\",\"eventId\":\"u-981\",\"customerId\":\"c-42\","
      + "\"occurredAt\":1763800000000,\"resource\":\"storage\",\"usedUnits\":86,\"quotaUnits\":100,"
      + "\"plan\":\"basic\"}";

  static final String ORDER = "{\"type\":\"order_placed\",\"eventId\":\"o-1001\",\"customerId\":\"c-42\","
      + "\"occurredAt\":\"2025-11-22T10:15:30Z\",\"orderId\":\"1001\",\"lines\":[{\"productId\":\"p-1\","
      + "\"sku\":\"CAM-1\",\"category\":\"cameras\",\"quantity\":1,\"unitPriceMinor\":49900}],"
      + "\"totalMinor\":49900,\"currency\":\"GBP\",\"channel\":\"email\"}";

  static final String FEEDBACK = "{\"type\":\"feedback\",\"eventId\":\"f-7\",\"customerId\":\"c-42\","
      + "\"occurredAt\":1763800000000,\"action\":\"downvoted\",\"triggerId\":\"t-9\",\"productIds\":[\"p-2\"]}";

  static final String ARRAY = "[" + USAGE + ",{\"type\":\"cart_item_added\",\"eventId\":\"c-77\","
      + "\"customerId\":\"c-42\",\"occurredAt\":1763800000500,\"cartId\":\"cart-5\",\"items\":[{\"productId\":"
      + "\"p-1\",\"quantity\":2,\"unitPriceMinor\":1250}],\"valueMinor\":2500,\"currency\":\"GBP\"}]";

  static final String NDJSON_EXAMPLE = USAGE + "\n" + FEEDBACK + "\n";

  static final String SEGMENT = "Segment Spec calls: track, identify, or batch {\"batch\":[...]}. E-commerce v2 "
      + "events (Product Viewed, Product Added/Removed, Cart Viewed, Checkout Started, Order Completed, Order "
      + "Refunded/Cancelled, wishlist, share and review events, ...) and B2B SaaS events (Signed Up, Signed In, "
      + "Account Created/Deleted, Trial Started, Trial Ended) map onto our "
      + "events; identify becomes a customer profile. Other event names are accepted and counted as ignored. "
      + "customerId is userId (else anonymousId), eventId is messageId, occurredAt is timestamp. Decimal prices "
      + "are converted to minor units of properties.currency (else the shop's currency).";

  static final String SEGMENT_TRACK = "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"c-42\","
      + "\"messageId\":\"m-1\",\"timestamp\":\"2025-11-22T10:15:30Z\",\"properties\":{\"order_id\":\"50314b8e\","
      + "\"total\":27.5,\"currency\":\"USD\",\"products\":[{\"product_id\":\"507f1f77\",\"sku\":\"45790-32\","
      + "\"price\":19,\"quantity\":1}]}}";

  static final String SHOPIFY = "Shopify webhook deliveries for orders/create, orders/paid, orders/cancelled, "
      + "refunds/create, checkouts/create, checkouts/update, carts/create, carts/update, customers/create, "
      + "products/update, app_subscriptions/update (topic in X-Shopify-Topic). X-Shopify-Hmac-Sha256 must be the "
      + "base64 HMAC-SHA256 of the raw body with the shop's webhook secret (401 otherwise, checked before the "
      + "body is parsed). A repeated X-Shopify-Webhook-Id is answered as a duplicate. Other topics are "
      + "acknowledged and ignored so Shopify does not retry them.";
}
