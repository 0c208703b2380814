package io.upsell.ingest.events;

import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.shop.MarketingSpend;
import io.upsell.schemas.shop.SalesChannel;
import io.upsell.schemas.topics.Topics;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Native shop-level events: catalog products (keyed shopId:productId) and marketing spend (keyed shopId). */
final class CatalogEvents {

  /** Longest replenish cycle, ten years: a due time must stay a plausible date ("never" is no cycle at all). */
  static final int MAX_REPLENISH_DAYS = 3650;

  private CatalogEvents() {}

  static Draft<Product> product(Envelope e, Fields f) {
    Integer replenish = f.optBounded("replenishEveryDays", 1, MAX_REPLENISH_DAYS);
    String productId = f.text("productId");
    Product product = Product.newBuilder()
        .setShopId(e.shopId()).setProductId(productId).setEventId(e.eventId()).setOccurredAt(e.occurredAt())
        .setName(f.text("name"))
        .setCategory(f.optText("category"))
        .setPriceMinor(f.count("priceMinor"))
        .setCurrency(Currencies.read(f, "currency", e.currency()))
        .setImageUrl(f.optText("imageUrl"))
        .setUrl(f.optText("url"))
        .setAccessoryOf(f.texts("accessoryOf"))
        .setReplenishEveryDays(replenish)
        .setUpgradeOf(f.optText("upgradeOf"))
        .setNextCourseOf(f.optText("nextCourseOf"))
        .build();
    return new Draft<>(Topics.CATALOG_PRODUCTS, e.shopId(), productId, product, e.occurredAt(), e.eventId());
  }

  static Draft<MarketingSpend> marketingSpend(Envelope e, Fields f) {
    MarketingSpend spend = MarketingSpend.newBuilder()
        .setShopId(e.shopId()).setEventId(e.eventId()).setOccurredAt(e.occurredAt())
        .setDay(day(f))
        .setChannel(f.choice("channel", SalesChannel.class, SalesChannel.DIRECT))
        .setAmountMinor(f.count("amountMinor"))
        .setCurrency(Currencies.read(f, "currency", e.currency()))
        .build();
    return new Draft<>(Topics.SHOP_SPEND, e.shopId(), e.shopId(), spend, e.occurredAt(), e.eventId());
  }

  private static LocalDate day(Fields f) {
    String day = f.text("day");
    try {
      return day.isEmpty() ? LocalDate.EPOCH : LocalDate.parse(day);
    } catch (DateTimeParseException e) {
      f.fail("day", "must be a date like 2010-12-01");
      return LocalDate.EPOCH;
    }
  }
}
