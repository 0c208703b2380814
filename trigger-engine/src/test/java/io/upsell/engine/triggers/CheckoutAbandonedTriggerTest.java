package io.upsell.engine.triggers;

import static io.upsell.engine.testing.EngineDriver.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.upsell.engine.testing.EngineDriver;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckoutAbandonedTriggerTest extends TriggerTestBase {

  @Test
  void listsTheCheckoutsItemsAsItsLinesDescribeThemAndLeadsToTheShopsCheckout() {
    // the catalog knows none of these products: the lines alone describe them
    engine.cart("c1", "k1", CartEventType.CHECKOUT_STARTED, at(Duration.ZERO), "scarf", "gloves");
    engine.advance(Duration.ofMinutes(21));

    assertThat(engine.fired()).singleElement().satisfies(t -> {
      assertThat(t.getOffer().getItems()).extracting(i -> i.getProductId(), i -> i.getPriceMinor(), i -> i.getQuantity())
          .containsExactly(tuple("scarf", 1000L, 1), tuple("gloves", 1000L, 1));
      assertThat(t.getOffer().getCurrency()).isEqualTo("GBP");
      assertThat(t.getOffer().getUrl()).isEqualTo(EngineDriver.STOREFRONT + "checkout");
    });
  }

  @Test
  void theSecondStepIsAFlashSaleWithABiggerDiscountEndingAtItsDeadline() {
    engine.cart("c1", "k1", CartEventType.CHECKOUT_STARTED, at(Duration.ZERO), "scarf");
    engine.advance(Duration.ofMinutes(21));
    UpsellTrigger first = engine.fired().get(0);

    engine.advance(Duration.ofHours(24));

    assertThat(engine.fired()).singleElement().satisfies(second -> {
      assertThat(second.getStep()).isEqualTo(2);
      assertThat(worth(second)).isGreaterThan(worth(first));
      assertThat(second.getOffer().getExpiresAt()).isEqualTo(second.getFiredAt().plus(Duration.ofHours(24)));
      assertThat(second.getOffer().getCouponCode()).isNotEqualTo(first.getOffer().getCouponCode()).isNotNull();
    });
  }

  private static long worth(UpsellTrigger t) {
    return t.getOffer().getDiscountPercent() != null ? t.getOffer().getDiscountPercent()
        : t.getOffer().getDiscountMinor();
  }

  @Test
  void firesTwentyMinutesAfterACheckoutWithoutOrder() {
    engine.cart("c1", "k1", CartEventType.CHECKOUT_STARTED, at(Duration.ZERO), "p1");

    engine.advance(Duration.ofMinutes(19));
    assertThat(engine.fired()).isEmpty();
    engine.advance(Duration.ofMinutes(2));

    assertThat(engine.fired()).extracting(UpsellTrigger::getType).containsExactly(TriggerType.CHECKOUT_ABANDONED);
  }

  @Test
  void aCheckoutStepWithoutItemsKeepsTheCheckoutsProductsAndRestartsTheWait() {
    engine.cart("c1", "k1", CartEventType.CHECKOUT_STARTED, at(Duration.ZERO), "p1");
    engine.cartChange("c1", "k2", CartEventType.CHECKOUT_STARTED, at(Duration.ofMinutes(10)));

    engine.advance(Duration.ofMinutes(25));
    assertThat(engine.fired()).isEmpty();
    engine.advance(Duration.ofMinutes(6));

    assertThat(engine.fired()).singleElement().satisfies(t -> {
      assertThat(t.getType()).isEqualTo(TriggerType.CHECKOUT_ABANDONED);
      assertThat(t.getOffer().getProductIds()).containsExactly("p1");
      assertThat(t.getSourceEventIds()).containsExactly("k2");
    });
  }

  @Test
  void doesNotFireWithoutACheckout() {
    engine.cart("c1", "k1", CartEventType.CART_VIEWED, at(Duration.ZERO), "p1");

    engine.advance(Duration.ofMinutes(25));

    assertThat(engine.fired()).extracting(UpsellTrigger::getType).doesNotContain(TriggerType.CHECKOUT_ABANDONED);
  }

  @Test
  void firesOnceForARedeliveredCheckout() {
    engine.cart("c1", "k1", CartEventType.CHECKOUT_STARTED, at(Duration.ZERO), "p1");
    engine.cart("c1", "k1", CartEventType.CHECKOUT_STARTED, at(Duration.ZERO), "p1");

    engine.advance(Duration.ofMinutes(21));
    engine.advance(Duration.ofMinutes(21));

    assertThat(engine.fired()).hasSize(1);
  }

  @Test
  void isCancelledByTheOrder() {
    engine.cart("c1", "k1", CartEventType.CHECKOUT_STARTED, at(Duration.ZERO), "p1");
    engine.order("c1", "o1", at(Duration.ofMinutes(3)), "p1");

    engine.advance(Duration.ofMinutes(25));

    assertThat(engine.fired()).isEmpty();
  }

  @Test
  void lateOrderPlacedBeforeTheCheckoutDoesNotCancelIt() {
    engine.cart("c1", "k1", CartEventType.CHECKOUT_STARTED, at(Duration.ofMinutes(5)), "p1");
    engine.order("c1", "o-old", at(Duration.ZERO), "p7");

    engine.advance(Duration.ofMinutes(30));

    assertThat(engine.fired()).extracting(UpsellTrigger::getType).containsExactly(TriggerType.CHECKOUT_ABANDONED);
  }

  @Test
  void pendingCheckoutTimerSurvivesARestart() {
    engine.cart("c1", "k1", CartEventType.CHECKOUT_STARTED, at(Duration.ZERO), "p1");
    engine.advance(Duration.ofMinutes(5));

    engine = engine.restart();
    engine.advance(Duration.ofMinutes(16));

    assertThat(engine.fired()).extracting(UpsellTrigger::getType).containsExactly(TriggerType.CHECKOUT_ABANDONED);
  }
}
