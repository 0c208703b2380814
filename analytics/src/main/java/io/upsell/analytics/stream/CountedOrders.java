package io.upsell.analytics.stream;

import io.upsell.schemas.shop.OrderCancelled;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.shop.OrderRefunded;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The orders and money-back events a customer's figures hold already, so one imported again (ingest forgets event
 * ids after 7 days; an import of last year's orders repeats them all, maybe under other event ids) counts once: an
 * order and a cancellation once per shop, customer and order id (an order is cancelled once), a refund once per shop,
 * customer and event id (several refunds of one order each count; a source with refund ids, Shopify, makes them the
 * event id). An order is known while the customer's history remembers it (its latest orders, read for every event
 * anyway); the ids the history forgets move to the store ({@code shop:customer|O|orderId}), which is read only for a
 * customer who has had some forgotten, so most orders cost no store call. Money back is kept in the store
 * ({@code shop:customer|C|orderId} for a cancellation, {@code shop:customer|R|eventId} for a refund). A customer's events share a partition, so a task holds every key it must check.
 * An order id re-sent under another customer is not recognised.
 */
final class CountedOrders {

  private final KeyValueStore<String, Long> counted;

  CountedOrders(KeyValueStore<String, Long> counted) {
    this.counted = counted;
  }

  /** True when {@code event} of the customer is an order, cancellation or refund counted already. */
  boolean already(String customerKey, Object event, CustomerState history) {
    if (event instanceof OrderPlaced placed) {
      return history.orderIndex(placed.getOrderId()) >= 0
          || (history.forgotOrders && counted.get(orderKey(customerKey, placed.getOrderId())) != null);
    }
    String moneyBack = moneyBackKey(customerKey, event);
    return moneyBack != null && counted.get(moneyBack) != null;
  }

  /** Keeps the ids of orders the history forgot (from {@link CustomerState#prune()}). */
  void forgotten(String customerKey, List<String> orderIds, long at) {
    for (String orderId : orderIds) {
      counted.put(orderKey(customerKey, orderId), at);
    }
  }

  /** Records a cancellation or refund as counted; other events need nothing (an order is in the history). */
  void counted(String customerKey, Object event, long at) {
    String moneyBack = moneyBackKey(customerKey, event);
    if (moneyBack != null) {
      counted.put(moneyBack, at);
    }
  }

  private static String orderKey(String customerKey, String orderId) {
    return customerKey + "|O|" + orderId;
  }

  private static String moneyBackKey(String customerKey, Object event) {
    if (event instanceof OrderCancelled cancelled) {
      return customerKey + "|C|" + cancelled.getOrderId();
    }
    if (event instanceof OrderRefunded refunded) {
      return customerKey + "|R|" + refunded.getEventId();
    }
    return null;
  }
}
