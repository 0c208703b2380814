package io.upsell.engine.triggers;

import static io.upsell.engine.testing.EngineDriver.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.engine.testing.EngineDriver;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.shop.ProductViewed;
import io.upsell.schemas.shop.ViewEvent;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProductUpgradeTriggerTest extends TriggerTestBase {

  @BeforeEach
  void products() {
    engine.product(EngineDriver.productOf("camera").setName("Snap 20").setPriceMinor(30_000).build());
    engine.product(EngineDriver.productOf("camera-pro").setName("Snap 20 Pro").setPriceMinor(40_000)
        .setUpgradeOf("camera").build());
    engine.product(EngineDriver.productOf("lens").setPriceMinor(10_000).build());
    engine.product(EngineDriver.productOf("mug-large").setPriceMinor(1_400).setUpgradeOf("mug").build());
    engine.product(EngineDriver.productOf("lens-gold").setPriceMinor(20_000).setUpgradeOf("lens").build());
  }

  private void view(String eventId, Duration at, String productId) {
    engine.send(Topics.SHOP_VIEWS, EngineDriver.key("c1"), new ViewEvent(ProductViewed.newBuilder()
        .setShopId(EngineDriver.SHOP).setCustomerId("c1").setEventId(eventId)
        .setOccurredAt(Instant.ofEpochMilli(at(at))).setProductId(productId).build()), at(at));
  }

  private java.util.List<UpsellTrigger> upgrades() {
    return engine.fired().stream().filter(t -> t.getType() == TriggerType.PRODUCT_UPGRADE).toList();
  }

  @Test
  void aViewedProductIsOfferedItsBetterVersionAnHourLater() {
    view("v1", Duration.ZERO, "camera");
    engine.advance(Duration.ofMinutes(59));
    assertThat(upgrades()).isEmpty();

    engine.advance(Duration.ofMinutes(2));

    assertThat(upgrades()).singleElement().satisfies(t -> {
      assertThat(t.getOffer().getProductIds()).containsExactly("camera-pro");
      assertThat(t.getOffer().getItems().get(0).getName()).isEqualTo("Snap 20 Pro");
      assertThat(t.getOffer().getItems().get(0).getPriceMinor()).isEqualTo(40_000L);
      assertThat(t.getOffer().getUrl()).isEqualTo(EngineDriver.STOREFRONT + "products/camera-pro");
      assertThat(t.getReason()).contains("camera", "camera-pro");
    });
  }

  @Test
  void aBetterVersionBeyondThePriceStepIsNotOffered() {
    view("v1", Duration.ZERO, "lens");
    engine.advance(Duration.ofMinutes(61));

    assertThat(upgrades()).isEmpty();
    // the same path fires for a version within the step
    view("v2", Duration.ofMinutes(62), "camera");
    engine.advance(Duration.ofMinutes(61));
    assertThat(upgrades()).hasSize(1);
  }

  @Test
  void aCartItemTheCatalogDoesNotKnowIsOfferedItsBetterVersion() {
    // the cart's line says the mug costs 10.00; the catalog knows only the large mug
    engine.cart("c1", "k1", CartEventType.ITEM_ADDED, at(Duration.ZERO), "mug");
    engine.advance(Duration.ofMinutes(61));

    assertThat(upgrades()).extracting(t -> t.getOffer().getProductIds().get(0)).containsExactly("mug-large");
  }

  @Test
  void isCancelledByAnOrderOfTheProduct() {
    view("v1", Duration.ZERO, "camera");
    engine.order("c1", "o1", at(Duration.ofMinutes(10)), "camera");
    engine.advance(Duration.ofMinutes(61));

    assertThat(upgrades()).isEmpty();
  }
}
