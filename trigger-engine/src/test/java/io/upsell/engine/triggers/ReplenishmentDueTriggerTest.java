package io.upsell.engine.triggers;

import static io.upsell.engine.testing.EngineDriver.at;
import static io.upsell.engine.testing.EngineDriver.productOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplenishmentDueTriggerTest extends TriggerTestBase {

  @BeforeEach
  void products() {
    engine.product(productOf("shampoo").setReplenishEveryDays(30).build());
  }

  private List<UpsellTrigger> replenishments() {
    return engine.fired().stream().filter(t -> t.getType() == TriggerType.REPLENISHMENT_DUE).toList();
  }

  @Test
  void firesWhenTheCycleHasPassedWithoutReBuying() {
    engine.order("c1", "o1", at(Duration.ZERO), "shampoo");

    engine.advance(Duration.ofDays(29));
    assertThat(replenishments()).isEmpty();
    engine.advance(Duration.ofDays(2));

    assertThat(replenishments()).singleElement()
        .satisfies(t -> assertThat(t.getOffer().getProductIds()).containsExactly("shampoo"));
  }

  @Test
  void doesNotFireBeforeAFarFutureCycleComesDue() {
    // 99,999 days from 2026 is past the year 2286: a due time of 14 digits, beyond what a 13-digit timer key holds.
    engine.product(productOf("anvil").setReplenishEveryDays(99_999).build());
    engine.order("c1", "o1", at(Duration.ZERO), "anvil");

    engine.advance(Duration.ofSeconds(1));
    engine.advance(Duration.ofDays(400));

    assertThat(replenishments()).isEmpty();
  }

  @Test
  void doesNotFireForAProductWithoutACycle() {
    engine.order("c1", "o1", at(Duration.ZERO), "mug");

    engine.advance(Duration.ofDays(90));

    assertThat(replenishments()).isEmpty();
  }

  @Test
  void firesOnceForARedeliveredOrder() {
    engine.order("c1", "o1", at(Duration.ZERO), "shampoo");
    engine.order("c1", "o1", at(Duration.ZERO), "shampoo");

    engine.advance(Duration.ofDays(31));
    engine.advance(Duration.ofDays(1));

    assertThat(replenishments()).hasSize(1);
  }

  @Test
  void isCancelledByReBuyingAndRestartsTheCycle() {
    engine.order("c1", "o1", at(Duration.ZERO), "shampoo");
    engine.order("c1", "o2", at(Duration.ofDays(20)), "shampoo");

    engine.advance(Duration.ofDays(31));
    assertThat(replenishments()).isEmpty();
    engine.advance(Duration.ofDays(20));

    assertThat(replenishments()).singleElement()
        .satisfies(t -> assertThat(t.getSourceEventIds()).containsExactly("o2"));
  }

  @Test
  void lateOlderOrderDoesNotMoveTheCycleBack() {
    engine.order("c1", "o2", at(Duration.ZERO), "shampoo");
    engine.order("c1", "o1", at(Duration.ofDays(-10)), "shampoo");

    engine.advance(Duration.ofDays(25));
    assertThat(replenishments()).isEmpty();
    engine.advance(Duration.ofDays(6));

    assertThat(replenishments()).singleElement()
        .satisfies(t -> assertThat(t.getSourceEventIds()).containsExactly("o2"));
  }

  @Test
  void pendingCycleSurvivesARestart() {
    engine.order("c1", "o1", at(Duration.ZERO), "shampoo");
    engine.advance(Duration.ofDays(10));

    engine = engine.restart();
    engine.advance(Duration.ofDays(21));

    assertThat(replenishments()).hasSize(1);
  }
}
