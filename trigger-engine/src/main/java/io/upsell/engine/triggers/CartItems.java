package io.upsell.engine.triggers;

import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.shop.CartEvent;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;

/**
 * The products a cart holds after a cart event. Most sources send the whole cart (a snapshot); a source that sends
 * only the change (Segment's Product Added / Removed, its checkout steps: {@code changedItemsOnly}) has it applied
 * to what was watched, so a product the customer took out is not offered back to them.
 */
final class CartItems {

  private CartItems() {}

  /**
   * The lines of the products {@code items} names, described as the latest event that named each did: a change-only
   * event describes only what it added, the rest keep what earlier events said.
   */
  static List<Watch.Line> linesAfter(List<Watch.Line> watched, List<String> items, CartEvent cart) {
    Map<String, Watch.Line> described = new LinkedHashMap<>();
    watched.forEach(line -> described.put(line.productId(), line));
    OfferItems.linesOf(cart.getItems()).forEach(line -> described.put(line.productId(), line));
    return items.stream().filter(described::containsKey).map(described::get).toList();
  }

  static List<String> after(List<String> watched, CartEvent cart) {
    List<String> named = cart.getItems().stream().map(LineItem::getProductId).toList();
    if (!cart.getChangedItemsOnly()) {
      return named;
    }
    LinkedHashSet<String> held = new LinkedHashSet<>(watched);
    switch (cart.getType()) {
      case ITEM_ADDED -> held.addAll(named);
      case ITEM_REMOVED -> named.forEach(held::remove);
      default -> {
        // activity that does not describe the cart (a checkout step): the cart is as it was
      }
    }
    return List.copyOf(held);
  }
}
