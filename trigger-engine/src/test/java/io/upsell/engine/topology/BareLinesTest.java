package io.upsell.engine.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.shop.CartEvent;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What crosses to the shop-keyed part keeps every field but the lines' names, SKUs and categories; the read record stays whole. */
class BareLinesTest {

  private static final LineItem LINE = new LineItem("p-1", "sku-1", "WHITE HANGING HEART", "home", 6, 255L, null, null);

  @Test
  void orderLosesLineDetailsOnlyAndTheOriginalIsUntouched() {
    OrderPlaced placed = OrderPlaced.newBuilder().setShopId("s").setCustomerId("c").setEventId("e")
        .setOccurredAt(Instant.ofEpochMilli(1_000)).setOrderId("o").setLines(List.of(LINE)).setTotalMinor(1530)
        .setCurrency("GBP").setCouponCode("X").build();
    OrderEvent original = new OrderEvent(placed);

    OrderPlaced bare = (OrderPlaced) BareLines.of(original).getEvent();

    assertThat(bare.getLines()).containsExactly(new LineItem("p-1", null, null, null, 6, 255L, null, null));
    OrderPlaced expected = OrderPlaced.newBuilder(placed).setLines(bare.getLines()).build();
    assertThat(bare).isEqualTo(expected);
    assertThat(((OrderPlaced) original.getEvent()).getLines()).containsExactly(LINE);
  }

  @Test
  void cartLosesLineDetailsOnlyAndTheOriginalIsUntouched() {
    CartEvent cart = CartEvent.newBuilder().setShopId("s").setCustomerId("c").setEventId("e")
        .setOccurredAt(Instant.ofEpochMilli(1_000)).setCartId("k").setType(CartEventType.ITEM_ADDED)
        .setItems(List.of(LINE)).setValueMinor(1530).setCurrency("GBP").build();

    CartEvent bare = BareLines.of(cart);

    assertThat(bare.getItems()).containsExactly(new LineItem("p-1", null, null, null, 6, 255L, null, null));
    assertThat(bare).isEqualTo(CartEvent.newBuilder(cart).setItems(bare.getItems()).build());
    assertThat(cart.getItems()).containsExactly(LINE);
  }
}
