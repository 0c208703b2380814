package io.upsell.engine.triggers;

import io.upsell.engine.config.ShopSettings;
import io.upsell.platform.shops.Storefront;
import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.upsell.OfferItem;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The products an offer names, as the triggering event says them (a cart's or an order's lines) with the gaps filled
 * from the catalog: the catalog enriches, never gates, so a product it does not know is still offered, by what the
 * event said of it. A product the event does not describe (a companion, an accessory, a better version) is described
 * by the catalog alone. An item's link is the event's, else the catalog's, else the shop's product page. A catalog
 * price in another currency than the offer's is left out rather than shown as the wrong money.
 */
public final class OfferItems {

  private final Products products;
  private final String shopId;
  private final Storefront storefront;

  public OfferItems(Products products, String shopId, ShopSettings settings) {
    this.products = products;
    this.shopId = shopId;
    this.storefront = settings.storefront();
  }

  /** The item of an event's line, priced in the event's currency. */
  public OfferItem ofLine(Watch.Line line, String currency) {
    OfferItem item = of(line.productId(), currency);
    item.setQuantity(Math.max(1, line.quantity()));
    item.setPriceMinor(line.priceMinor());
    if (line.name() != null) {
      item.setName(line.name());
    }
    if (line.imageUrl() != null) {
      item.setImageUrl(line.imageUrl());
    }
    if (line.url() != null) {
      item.setUrl(line.url());
    }
    return item;
  }

  /** The items of an event's lines, in their order. */
  public List<OfferItem> ofLines(List<Watch.Line> lines, String currency) {
    return lines.stream().map(line -> ofLine(line, currency)).toList();
  }

  /** The items of products the event does not describe, as the catalog knows them. */
  public List<OfferItem> ofProducts(List<String> productIds, String currency) {
    return productIds.stream().map(id -> of(id, currency)).toList();
  }

  /** The currency the catalog prices the first of {@code productIds} it knows in, else the shop's. */
  public String currencyOf(List<String> productIds, ShopSettings settings) {
    return productIds.stream().flatMap(id -> products.product(shopId, id).stream()).map(Product::getCurrency)
        .findFirst().orElse(settings.currency());
  }

  /** The shop's page of one product, for an offer whose button leads to it. */
  public String productPage(String productId) {
    return storefront.url(Storefront.Page.PRODUCT, Map.of("productId", productId)).orElse(null);
  }

  private OfferItem of(String productId, String currency) {
    OfferItem item = OfferItem.newBuilder().setProductId(productId).build();
    products.product(shopId, productId).ifPresent(product -> {
      item.setName(product.getName());
      if (product.getCurrency().equals(currency)) {
        item.setPriceMinor(product.getPriceMinor());
      }
      item.setImageUrl(product.getImageUrl());
      item.setUrl(product.getUrl());
    });
    if (item.getUrl() == null) {
      item.setUrl(productPage(productId));
    }
    return item;
  }

  /** The lines of an event as a watch keeps them. */
  public static List<Watch.Line> linesOf(List<LineItem> lines) {
    return lines.stream().map(l -> new Watch.Line(l.getProductId(), l.getName(), l.getUnitPriceMinor(),
        l.getQuantity(), l.getImageUrl(), l.getUrl())).toList();
  }
}
