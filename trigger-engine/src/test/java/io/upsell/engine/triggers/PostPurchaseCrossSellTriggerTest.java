package io.upsell.engine.triggers;

import static io.upsell.engine.testing.EngineDriver.at;
import static io.upsell.engine.testing.EngineDriver.productOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.schemas.upsell.SuppressedTrigger;
import io.upsell.schemas.upsell.SuppressionReason;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostPurchaseCrossSellTriggerTest extends TriggerTestBase {

  @BeforeEach
  void products() {
    engine.product(productOf("case").setAccessoryOf(List.of("phone")).build());
  }

  private List<UpsellTrigger> crossSells() {
    return engine.fired().stream().filter(t -> t.getType() == TriggerType.POST_PURCHASE_CROSS_SELL).toList();
  }

  @Test
  void offersTheCatalogAccessoryFiveMinutesAfterTheOrder() {
    engine.order("c1", "o1", at(Duration.ZERO), "phone");

    engine.advance(Duration.ofMinutes(4));
    assertThat(crossSells()).isEmpty();
    engine.advance(Duration.ofMinutes(2));

    assertThat(crossSells()).singleElement()
        .satisfies(t -> assertThat(t.getOffer().getProductIds()).containsExactly("case"));
  }

  @Test
  void anAccessoryAddedToTheCatalogIsOfferedOnceTheShopsCatalogIsReadAgain() {
    engine.customer("c2");
    engine.order("c1", "o1", at(Duration.ZERO), "laptop"); // the shop's catalog is read: nothing for a laptop
    engine.product(productOf("sleeve").setAccessoryOf(List.of("laptop")).build());

    engine.advance(Duration.ofSeconds(1)); // upsell.engine.catalog-refresh
    engine.order("c2", "o2", at(Duration.ofMinutes(1)), "laptop");
    engine.advance(Duration.ofMinutes(10));

    assertThat(crossSells()).singleElement().satisfies(t -> {
      assertThat(t.getCustomerId()).isEqualTo("c2");
      assertThat(t.getOffer().getProductIds()).containsExactly("sleeve");
    });
  }

  @Test
  void offersLearnedCompanionsWhenTheCatalogHasNone() {
    for (int i = 0; i < 3; i++) {
      engine.order("other" + i, "learn" + i, at(Duration.ofMinutes(-60 + i)), "tea", "honey");
    }
    engine.order("c1", "o1", at(Duration.ZERO), "tea");

    engine.advance(Duration.ofMinutes(6));

    assertThat(crossSells()).singleElement()
        .satisfies(t -> assertThat(t.getOffer().getProductIds()).containsExactly("honey"));
  }

  @Test
  void doesNotFireWithoutAccessoriesOrEnoughSupport() {
    engine.order("other", "learn1", at(Duration.ofMinutes(-30)), "tea", "honey");
    engine.order("c1", "o1", at(Duration.ZERO), "tea");

    engine.advance(Duration.ofMinutes(10));

    assertThat(crossSells()).isEmpty();
  }

  @Test
  void firesOnceForARedeliveredOrder() {
    engine.order("c1", "o1", at(Duration.ZERO), "phone");
    engine.order("c1", "o1", at(Duration.ZERO), "phone");

    engine.advance(Duration.ofMinutes(6));
    engine.advance(Duration.ofMinutes(6));

    assertThat(crossSells()).hasSize(1);
  }

  @Test
  void isSuppressedWhenTheAccessoryIsBoughtMeanwhile() {
    engine.order("c1", "o1", at(Duration.ZERO), "phone");
    engine.order("c1", "o2", at(Duration.ofMinutes(2)), "case");

    engine.advance(Duration.ofMinutes(6));

    assertThat(crossSells()).isEmpty();
    assertThat(engine.suppressed()).extracting(SuppressedTrigger::getSuppressionReason)
        .contains(SuppressionReason.ALREADY_BOUGHT);
  }

  @Test
  void pendingCrossSellSurvivesARestart() {
    engine.order("c1", "o1", at(Duration.ZERO), "phone");
    engine.advance(Duration.ofMinutes(1));

    engine = engine.restart();
    engine.advance(Duration.ofMinutes(5));

    assertThat(crossSells()).hasSize(1);
  }
}
