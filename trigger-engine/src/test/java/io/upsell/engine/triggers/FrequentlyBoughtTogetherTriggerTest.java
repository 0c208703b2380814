package io.upsell.engine.triggers;

import static io.upsell.engine.testing.EngineDriver.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.upsell.SuppressedTrigger;
import io.upsell.schemas.upsell.SuppressionReason;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrequentlyBoughtTogetherTriggerTest extends TriggerTestBase {

  private void learnTeaWithHoney(int orders) {
    for (int i = 0; i < orders; i++) {
      engine.order("other" + i, "learn" + i, at(Duration.ofHours(-5 + i)), "tea", "honey");
    }
  }

  private List<UpsellTrigger> together() {
    return engine.fired().stream().filter(t -> t.getType() == TriggerType.FREQUENTLY_BOUGHT_TOGETHER).toList();
  }

  @Test
  void firesOnCartChangeWithTheLearnedCompanion() {
    learnTeaWithHoney(3);

    engine.cart("c1", "a1", CartEventType.ITEM_ADDED, at(Duration.ZERO), "tea");

    assertThat(together()).singleElement()
        .satisfies(t -> assertThat(t.getOffer().getProductIds()).containsExactly("honey"));
  }

  @Test
  void doesNotFireBelowTheMinimumSupport() {
    learnTeaWithHoney(2);

    engine.cart("c1", "a1", CartEventType.ITEM_ADDED, at(Duration.ZERO), "tea");

    assertThat(together()).isEmpty();
  }

  @Test
  void firesOnceForARedeliveredCartEvent() {
    learnTeaWithHoney(3);

    engine.cart("c1", "a1", CartEventType.ITEM_ADDED, at(Duration.ZERO), "tea");
    engine.cart("c1", "a1", CartEventType.ITEM_ADDED, at(Duration.ZERO), "tea");

    assertThat(together()).hasSize(1);
  }

  @Test
  void isSuppressedWhenTheCompanionWasAlreadyBought() {
    learnTeaWithHoney(3);
    engine.order("c1", "o0", at(Duration.ofMinutes(-5)), "honey");

    engine.cart("c1", "a1", CartEventType.ITEM_ADDED, at(Duration.ZERO), "tea");

    assertThat(together()).isEmpty();
    assertThat(engine.suppressed()).extracting(SuppressedTrigger::getSuppressionReason)
        .contains(SuppressionReason.ALREADY_BOUGHT);
  }

  @Test
  void ordersArrivingOutOfOrderCountTheSame() {
    engine.order("x2", "l2", at(Duration.ofHours(-1)), "tea", "honey");
    engine.order("x1", "l1", at(Duration.ofHours(-3)), "tea", "honey");
    engine.order("x3", "l3", at(Duration.ofHours(-2)), "tea", "honey");

    engine.cart("c1", "a1", CartEventType.ITEM_ADDED, at(Duration.ZERO), "tea");

    assertThat(together()).hasSize(1);
  }

  @Test
  void learnedPairsSurviveARestart() {
    learnTeaWithHoney(3);

    engine = engine.restart();
    engine.cart("c1", "a1", CartEventType.ITEM_ADDED, at(Duration.ZERO), "tea");

    assertThat(together()).hasSize(1);
  }
}
