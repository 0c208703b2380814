package io.upsell.ingest.events;

import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.catalog.ProductKind;
import io.upsell.schemas.shop.MarketingSpend;
import io.upsell.schemas.shop.SalesChannel;
import io.upsell.schemas.topics.Topics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Native shop-level events: catalog products (keyed shopId:productId) and marketing spend (keyed shopId). */
final class CatalogEvents {

  /** Longest replenish cycle, ten years: a due time must stay a plausible date ("never" is no cycle at all). */
  static final int MAX_REPLENISH_DAYS = 3650;

  private CatalogEvents() {}

  /** Highest rank a plan's tier may name: a ladder, not an arbitrary number. */
  static final int MAX_TIER = 1000;

  /** The billing periods a plan may have; month unless it says otherwise. */
  static final List<String> BILLING_PERIODS = List.of("month", "year");

  static Draft<Product> product(Envelope e, Fields f) {
    Integer replenish = f.optBounded("replenishEveryDays", 1, MAX_REPLENISH_DAYS);
    String productId = f.id("productId");
    ProductKind kind = Objects.requireNonNullElse(f.optChoice("kind", ProductKind.class), ProductKind.PRODUCT);
    Map<String, Long> quotas = f.counts("quotas");
    if (kind == ProductKind.PLAN && quotas.isEmpty()) {
      f.fail("quotas", "is required for a plan: its quota per resource, e.g. {\"storage\": 1000}");
    }
    Product product = Product.newBuilder()
        .setShopId(e.shopId()).setProductId(productId).setEventId(e.eventId()).setOccurredAt(e.occurredAt())
        .setName(f.text("name"))
        .setCategory(f.optText("category"))
        .setPriceMinor(f.count("priceMinor"))
        .setCurrency(Currencies.read(f, "currency", e.currency()))
        .setImageUrl(f.optUrl("imageUrl"))
        .setUrl(f.optUrl("url"))
        .setAccessoryOf(f.ids("accessoryOf"))
        .setReplenishEveryDays(replenish)
        .setUpgradeOf(f.optId("upgradeOf"))
        .setNextCourseOf(f.optId("nextCourseOf"))
        .setKind(kind)
        .setQuotas(quotas)
        .setUnits(f.textsByName("units"))
        .setBillingPeriod(billingPeriod(f, kind))
        .setTier(f.optBounded("tier", 0, MAX_TIER))
        .build();
    return new Draft<>(Topics.CATALOG_PRODUCTS, e.shopId(), productId, product, e.occurredAt(), e.eventId());
  }

  private static String billingPeriod(Fields f, ProductKind kind) {
    String period = f.optText("billingPeriod");
    if (period == null) {
      return kind == ProductKind.PLAN ? "month" : null;
    }
    String lower = period.toLowerCase(Locale.ROOT);
    if (!BILLING_PERIODS.contains(lower)) {
      f.fail("billingPeriod", "must be one of " + BILLING_PERIODS);
      return null;
    }
    return lower;
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
