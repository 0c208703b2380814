package io.upsell.ingest.events;

import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.shop.MarketingSpend;
import io.upsell.schemas.shop.SalesChannel;
import io.upsell.schemas.topics.Topics;

/** Native shop-level events: catalog products (keyed shopId:productId) and marketing spend (keyed shopId). */
final class CatalogEvents {

  /** Longest replenish cycle, ten years: a due time must stay a plausible date ("never" is no cycle at all). */
  static final int MAX_REPLENISH_DAYS = 3650;

  private CatalogEvents() {}

  static Draft<Product> product(Envelope e, Fields f) {
    Integer replenish = f.optBounded("replenishEveryDays", 1, MAX_REPLENISH_DAYS);
    String productId = f.id("productId");
    Product product = Product.newBuilder()
        .setShopId(e.shopId()).setProductId(productId).setEventId(e.eventId()).setOccurredAt(e.occurredAt())
        .setName(f.text("name"))
        .setCategory(f.optText("category"))
        .setPriceMinor(f.count("priceMinor"))
        .setCurrency(Currencies.read(f, "currency", e.currency()))
        .setImageUrl(f.optText("imageUrl"))
        .setUrl(f.optText("url"))
        .setAccessoryOf(f.ids("accessoryOf"))
        .setReplenishEveryDays(replenish)
        .setUpgradeOf(f.optId("upgradeOf"))
        .setNextCourseOf(f.optId("nextCourseOf"))
        .build();
    return new Draft<>(Topics.CATALOG_PRODUCTS, e.shopId(), productId, product, e.occurredAt(), e.eventId());
  }

  static Draft<MarketingSpend> marketingSpend(Envelope e, Fields f) {
    MarketingSpend spend = MarketingSpend.newBuilder()
        .setShopId(e.shopId()).setEventId(e.eventId()).setOccurredAt(e.occurredAt())
        .setDay(f.date("day"))
        .setChannel(f.choice("channel", SalesChannel.class, SalesChannel.DIRECT))
        .setAmountMinor(f.count("amountMinor"))
        .setCurrency(Currencies.read(f, "currency", e.currency()))
        .build();
    return new Draft<>(Topics.SHOP_SPEND, e.shopId(), e.shopId(), spend, e.occurredAt(), e.eventId());
  }
}
