package io.upsell.engine.topology;

import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.shop.CartEvent;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The shop-keyed part (learner, cross-sell, bought-together) reads only product ids, quantities and prices of lines,
 * so orders and carts cross to it without line names, SKUs and categories: the hop would otherwise encode and decode
 * every one of them again. The record read from the topic is left untouched (other branches read it too).
 */
final class BareLines {

  private BareLines() {}

  static OrderEvent of(OrderEvent order) {
    OrderPlaced placed = copy((OrderPlaced) order.getEvent(), new OrderPlaced());
    placed.setLines(bare(placed.getLines()));
    return new OrderEvent(placed);
  }

  static CartEvent of(CartEvent cart) {
    CartEvent bare = copy(cart, new CartEvent());
    bare.setItems(bare(cart.getItems()));
    return bare;
  }

  private static List<LineItem> bare(List<LineItem> lines) {
    List<LineItem> bare = new ArrayList<>(lines.size());
    for (LineItem line : lines) {
      bare.add(new LineItem(line.getProductId(), null, null, null, line.getQuantity(), line.getUnitPriceMinor(),
          null, null));
    }
    return bare;
  }

  // Field by field, sharing the values: Avro's copying builders deep-copy every nested record and string.
  private static <T extends SpecificRecordBase> T copy(T from, T to) {
    for (int field = 0; field < from.getSchema().getFields().size(); field++) {
      to.put(field, from.get(field));
    }
    return to;
  }
}
