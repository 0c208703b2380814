package io.upsell.deploy.demo;

import static io.upsell.deploy.demo.DemoPages.button;
import static io.upsell.deploy.demo.DemoPages.money;
import static io.upsell.deploy.demo.DemoServer.escape;

import java.util.List;
import java.util.Optional;

/** The demo shop's pages (bodies only): the front page, a product's page, and the cart with its checkout. */
final class ShopPages {

  private final DemoActions actions;
  private final DemoCatalog catalog;

  ShopPages(DemoActions actions, DemoCatalog catalog) {
    this.actions = actions;
    this.catalog = catalog;
  }

  String front() {
    StringBuilder items = new StringBuilder();
    for (DemoCatalog.Item item : catalog.items().subList(0, Math.min(8, catalog.items().size()))) {
      items.append("<div class=card>").append(card(item)).append("</div>");
    }
    return "<h1>Demo Shop</h1><p>You are <b>" + DemoPages.SHOPPER + "</b> (" + DemoPages.SHOPPER
        + "@demo.example). Add something to the <a href=/shop/cart>cart</a> and leave: a reminder arrives in the "
        + "<a href=/mail>mail viewer</a> after the shop's delay, and later a flash sale with its own code.</p>"
        + "<div class=grid>" + items + "</div>";
  }

  /** The page of a product the demo sells; empty for any other id. */
  Optional<String> product(String productId) {
    return catalog.items().stream().filter(item -> item.productId().equals(productId)).findFirst()
        .map(item -> "<p><a href=/shop>Demo Shop</a></p><h1>" + escape(item.name()) + "</h1><p>Category: "
            + escape(item.category()) + "</p>" + card(item));
  }

  /** The demo shopper's cart; placing the order with a code from a message redeems it. */
  String cart() {
    List<DemoCatalog.Item> items = actions.cart();
    if (items.isEmpty()) {
      return "<h1>Your cart</h1><p>Your cart is empty. <a href=/shop>Back to the shop</a></p>";
    }
    StringBuilder rows = new StringBuilder();
    for (DemoCatalog.Item item : items) {
      rows.append("<tr><td><a href=\"/shop/products/").append(escape(item.productId())).append("\">")
          .append(escape(item.name())).append("</a></td><td>").append(money(item.priceMinor())).append("</td></tr>");
    }
    long total = items.stream().mapToLong(DemoCatalog.Item::priceMinor).sum();
    return "<h1>Your cart</h1><table>" + rows + "<tr><th>Total</th><th>" + money(total) + "</th></tr></table>"
        + button("checkout", "", "Place order",
            "<label>Code from your email <input name=code size=16></label> ");
  }

  private static String card(DemoCatalog.Item item) {
    return "<b>" + escape(item.name()) + "</b><br>" + money(item.priceMinor())
        + button("cart", item.productId(), "Add to cart") + button("buy", item.productId(), "Buy now");
  }
}
