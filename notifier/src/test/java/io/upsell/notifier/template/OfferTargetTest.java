package io.upsell.notifier.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.platform.shops.Storefront;
import io.upsell.platform.shops.Storefront.Page;
import io.upsell.schemas.upsell.Offer;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OfferTargetTest {

  private static final Storefront SHOP = new Storefront(Optional.of(URI.create("https://shop.example.com/")),
      Map.of(Page.PRODUCT, "/p/{productId}"));

  @Test
  void leadsToTheUrlTheEngineDecided() {
    var trigger = trigger(TriggerType.CART_ABANDONED, "https://shop.example.com/cart?c=42", List.of());

    assertThat(OfferTarget.of(trigger, SHOP)).contains("https://shop.example.com/cart?c=42");
  }

  @Test
  void withoutADecidedUrlLeadsToTheShopsPageForTheTriggerType() {
    assertThat(OfferTarget.of(trigger(TriggerType.CART_ABANDONED, null, List.of()), SHOP))
        .contains("https://shop.example.com/cart");
    assertThat(OfferTarget.of(trigger(TriggerType.STORAGE_NEAR_FULL, null, List.of()), SHOP))
        .contains("https://shop.example.com/account/billing");
    assertThat(OfferTarget.of(trigger(TriggerType.POST_PURCHASE_CROSS_SELL, null, List.of("p 1")), SHOP))
        .contains("https://shop.example.com/p/p%201");
  }

  @Test
  void aProductPageWithoutAProductFallsBackToTheStorefront() {
    assertThat(OfferTarget.of(trigger(TriggerType.WIN_BACK, null, List.of()), SHOP))
        .contains("https://shop.example.com/");
  }

  @Test
  void aShopWithoutAStorefrontAndNoDecidedUrlGetsNoButton() {
    assertThat(OfferTarget.of(trigger(TriggerType.CART_ABANDONED, null, List.of("p-1")), Storefront.NONE))
        .isEmpty();
  }

  private static UpsellTrigger trigger(TriggerType type, String url, List<String> products) {
    return UpsellTrigger.newBuilder().setShopId("s").setCustomerId("c").setTriggerId("t").setType(type)
        .setReason("test").setOffer(Offer.newBuilder().setUrl(url).setProductIds(products).build())
        .setFiredAt(Instant.EPOCH).build();
  }
}
