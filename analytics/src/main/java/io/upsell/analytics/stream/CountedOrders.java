package io.upsell.analytics.stream;

import io.upsell.schemas.shop.OrderCancelled;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.shop.OrderRefunded;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The orders and money-back events a task has counted, so one imported again (ingest forgets event ids after 7
 * days; an import of last year's orders repeats them all) counts once: an order once per shop, customer and order
 * id, a cancellation or refund once per shop, customer and event id (several refunds of one order each count).
 * Keyed {@code shop:customer|O|orderId} or {@code shop:customer|R|eventId}, value the event's time; a customer's
 * events share a partition, so a task holds every key it must check. An order id re-sent under another customer is
 * not recognised.
 */
final class CountedOrders {

  private final KeyValueStore<String, Long> counted;

  CountedOrders(KeyValueStore<String, Long> counted) {
    this.counted = counted;
  }

  /** The key an order event is counted under; null for events that are not orders, cancellations or refunds. */
  static String keyOf(String customerKey, Object event) {
    if (event instanceof OrderPlaced placed) {
      return customerKey + "|O|" + placed.getOrderId();
    }
    if (event instanceof OrderCancelled cancelled) {
      return customerKey + "|R|" + cancelled.getEventId();
    }
    if (event instanceof OrderRefunded refunded) {
      return customerKey + "|R|" + refunded.getEventId();
    }
    return null;
  }

  /** True when the event of {@code key} (from {@link #keyOf}) was counted already. */
  boolean already(String key) {
    return key != null && counted.get(key) != null;
  }

  /** Records that the event of {@code key} is counted. */
  void record(String key, long at) {
    if (key != null) {
      counted.put(key, at);
    }
  }
}
