package io.upsell.engine.triggers;

import static io.upsell.engine.testing.EngineDriver.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.engine.policy.Decider;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WinBackTriggerTest extends TriggerTestBase {

  private List<UpsellTrigger> winBacks() {
    return engine.fired().stream().filter(t -> t.getType() == TriggerType.WIN_BACK).toList();
  }

  @Test
  void firesSixtyDaysAfterTheLastOrder() {
    engine.order("c1", "o1", at(Duration.ZERO), "mug");

    engine.advance(Duration.ofDays(59));
    assertThat(winBacks()).isEmpty();
    engine.advance(Duration.ofDays(2));

    assertThat(winBacks()).singleElement()
        .satisfies(t -> assertThat(t.getSourceEventIds()).containsExactly("o1"));
  }

  @Test
  void doesNotFireForACustomerWhoNeverBought() {
    engine.usage("c1", "u1", at(Duration.ZERO), 1, 100);

    engine.advance(Duration.ofDays(90));

    assertThat(winBacks()).isEmpty();
  }

  @Test
  void firesOnceForARedeliveredOrder() {
    engine.order("c1", "o1", at(Duration.ZERO), "mug");
    engine.order("c1", "o1", at(Duration.ZERO), "mug");

    engine.advance(Duration.ofDays(61));
    engine.advance(Duration.ofDays(1));

    assertThat(winBacks()).hasSize(1);
  }

  @Test
  void isCancelledByANewerOrder() {
    engine.order("c1", "o1", at(Duration.ZERO), "mug");
    engine.order("c1", "o2", at(Duration.ofDays(40)), "mug");

    engine.advance(Duration.ofDays(61));

    assertThat(winBacks()).isEmpty();
  }

  @Test
  void aWeeklyBuyerKeepsOneTimerAndIsInvitedSixtyDaysAfterTheLastOrder() {
    for (int week = 0; week < 3; week++) {
      engine.order("c1", "o" + week, at(Duration.ofDays(7L * week)), "mug");
    }
    try (var timers = engine.driver().<String, UpsellTrigger>getKeyValueStore(Decider.TIMERS).all()) {
      assertThat(timers).toIterable().filteredOn(kv -> kv.value.getType() == TriggerType.WIN_BACK)
          .extracting(kv -> kv.value.getSourceEventIds()).containsExactly(List.of("o0"));
    }

    engine.advance(Duration.ofDays(73));
    assertThat(winBacks()).as("the first order's timer moved on to the last order").isEmpty();
    engine.advance(Duration.ofDays(2));

    assertThat(winBacks()).singleElement()
        .satisfies(t -> assertThat(t.getSourceEventIds()).containsExactly("o2"));
  }

  @Test
  void lateOlderOrderIsIgnored() {
    engine.order("c1", "o2", at(Duration.ZERO), "mug");
    engine.order("c1", "o1", at(Duration.ofDays(-30)), "mug");

    engine.advance(Duration.ofDays(45));
    assertThat(winBacks()).isEmpty();
    engine.advance(Duration.ofDays(16));

    assertThat(winBacks()).singleElement()
        .satisfies(t -> assertThat(t.getSourceEventIds()).containsExactly("o2"));
  }

  @Test
  void pendingWinBackSurvivesARestart() {
    engine.order("c1", "o1", at(Duration.ZERO), "mug");
    engine.advance(Duration.ofDays(30));

    engine = engine.restart();
    engine.advance(Duration.ofDays(31));

    assertThat(winBacks()).hasSize(1);
  }
}
