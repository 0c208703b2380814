package io.upsell.notifier.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.notifier.template.CustomerFormat;
import io.upsell.notifier.template.OfferView;
import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.upsell.Offer;
import io.upsell.schemas.upsell.OfferItem;
import io.upsell.schemas.upsell.PlanInfo;
import io.upsell.schemas.upsell.UsageInfo;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OfferFormatterTest {

  private static final CustomerFormat LONDON_EN = new CustomerFormat("en-GB", ZoneId.of("Europe/London"));
  private static final Product MUG = Product.newBuilder().setShopId("s").setProductId("p-mug").setEventId("e")
      .setOccurredAt(Instant.EPOCH).setName("Catalog mug").setPriceMinor(999).setCurrency("GBP")
      .setImageUrl("https://img.example/mug.jpg").build();

  private final OfferFormatter formatter = new OfferFormatter(
      (shop, id) -> id.equals("p-mug") ? Optional.of(MUG) : Optional.empty());

  @Test
  void showsTheEventsItemsTheCatalogDoesNotKnowWithQuantitiesAndPricesInTheOffersCurrency() {
    var offer = Offer.newBuilder().setCurrency("EUR").setDiscountMinor(500L).setCouponCode("UP-7Q2X")
        .setExpiresAt(Instant.parse("2026-03-14T18:00:00Z"))
        .setItems(List.of(item("p-unknown", "Linen shirt", 4500L, 2), item("p-mug", null, null, 1))).build();

    OfferView view = formatter.format("s", offer, "GBP", LONDON_EN);

    assertThat(view.items()).hasSize(2);
    assertThat(view.items().get(0).name()).isEqualTo("Linen shirt");
    assertThat(view.items().get(0).price()).isEqualTo("€45.00");
    assertThat(view.items().get(0).total()).isEqualTo("€90.00");
    // the catalog only fills in what the event left out
    assertThat(view.items().get(1).name()).isEqualTo("Catalog mug");
    assertThat(view.items().get(1).price()).isEqualTo("£9.99");
    assertThat(view.items().get(1).imageUrl()).isEqualTo("https://img.example/mug.jpg");
    assertThat(view.amount()).isEqualTo("€5.00");
    assertThat(view.code()).isEqualTo("UP-7Q2X");
    assertThat(view.deadline()).contains("14 March 2026").contains("18:00");
  }

  @Test
  void anAmountOffWithoutACurrencyIsInTheShopsCurrency() {
    var offer = Offer.newBuilder().setDiscountMinor(500L).build();

    assertThat(formatter.format("s", offer, "SAR", LONDON_EN).amount()).contains("5.00").contains("SAR");
  }

  @Test
  void theDeadlineReadsInTheCustomersZoneAndLanguage() {
    var offer = Offer.newBuilder().setExpiresAt(Instant.parse("2026-03-14T18:00:00Z")).build();

    String riyadh = formatter.format("s", offer, "SAR", new CustomerFormat("ar", ZoneId.of("Asia/Riyadh")))
        .deadline();

    assertThat(riyadh).contains("مارس").doesNotContain("March").contains("٩:٠٠");
  }

  @Test
  void aPlanOfferNamesBothPlansTheUsageTheDifferenceAndAComparison() {
    var offer = Offer.newBuilder().setCurrentPlan(plan("basic", "Basic", 500, "month", 100))
        .setOfferedPlan(plan("pro", "Pro", 1500, "month", 1000))
        .setUsage(UsageInfo.newBuilder().setResource("storage").setUsedUnits(86).setQuotaUnits(100).build())
        .build();

    OfferView view = formatter.format("s", offer, "GBP", LONDON_EN);

    assertThat(view.current().name()).isEqualTo("Basic");
    assertThat(view.offered().name()).isEqualTo("Pro");
    assertThat(view.offered().price()).isEqualTo("£15.00");
    assertThat(view.usage().used()).isEqualTo("86");
    assertThat(view.usage().quota()).isEqualTo("100 GB");
    assertThat(view.priceDifference()).isEqualTo("£10.00");
    assertThat(view.comparison()).singleElement()
        .satisfies(row -> assertThat(row.current() + "|" + row.offered()).isEqualTo("100 GB|1,000 GB"));
  }

  @Test
  void aRenewalWithAYearlyAlternativeStatesTheSaving() {
    var offer = Offer.newBuilder().setOfferedPlan(plan("pro", "Pro", 1500, "month", 1000))
        .setAlternativePlan(plan("pro-y", "Pro yearly", 15000, "year", 1000)).build();

    OfferView view = formatter.format("s", offer, "GBP", LONDON_EN);

    assertThat(view.alternative().yearly()).isTrue();
    assertThat(view.yearlySaving()).isEqualTo("£30.00");
  }

  private static OfferItem item(String id, String name, Long price, int quantity) {
    return OfferItem.newBuilder().setProductId(id).setName(name).setPriceMinor(price).setQuantity(quantity).build();
  }

  private static PlanInfo plan(String id, String name, long price, String period, long storage) {
    return PlanInfo.newBuilder().setPlanId(id).setName(name).setPriceMinor(price).setCurrency("GBP")
        .setBillingPeriod(period).setQuotas(Map.of("storage", storage)).setUnits(Map.of("storage", "GB")).build();
  }
}
