package io.upsell.ingest.shopify;

import io.upsell.ingest.events.Fields;
import io.upsell.ingest.events.NativeJson.Line;
import java.math.BigDecimal;
import java.util.List;

/**
 * Reading Shopify payloads: ids are strings, taken from the GraphQL GID where there is one because the numeric
 * {@code id} may have lost precision in JSON; prices are decimal strings in the shop's money.
 */
final class ShopifyIds {

  private ShopifyIds() {}

  /** The id of {@code f}: the tail of {@code admin_graphql_api_id}, else {@code id} as written. */
  static String id(Fields f) {
    String gid = f.optText("admin_graphql_api_id");
    if (gid != null && gid.lastIndexOf('/') >= 0) {
      return gid.substring(gid.lastIndexOf('/') + 1);
    }
    return f.text("id");
  }

  /** The customer id of an order or checkout; a guest is keyed by the order or cart it belongs to. */
  static String customer(Fields payload, String guestId) {
    Fields customer = payload.object("customer");
    if (customer.has("admin_graphql_api_id") || customer.has("id")) {
      return id(customer);
    }
    return "guest-" + guestId;
  }

  /** Line items: product id (else variant id), sku, title, quantity, unit price. */
  static List<Line> lines(Fields payload, String name) {
    return payload.objects(name, false).stream().map(ShopifyIds::line).toList();
  }

  static Line line(Fields item) {
    String productId = item.has("product_id") ? item.optText("product_id")
        : item.has("variant_id") ? "variant-" + item.optText("variant_id") : "line-" + id(item);
    Long quantity = item.optCount("quantity");
    BigDecimal price = item.optAmount("price");
    String title = item.optText("title");
    return new Line(productId, item.optText("sku"), title == null ? item.optText("name") : title, null,
        quantity == null ? 1 : quantity, price == null ? BigDecimal.ZERO : price);
  }

  static BigDecimal amount(Fields f, String name) {
    BigDecimal value = f.optAmount(name);
    return value == null ? BigDecimal.ZERO : value;
  }
}
