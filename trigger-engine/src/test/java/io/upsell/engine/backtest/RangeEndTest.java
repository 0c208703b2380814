package io.upsell.engine.backtest;

import static io.upsell.engine.testing.EngineDriver.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.engine.policy.Decider;
import io.upsell.engine.testing.EngineDriver;
import io.upsell.engine.topology.Replay;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A backtest judges nothing at or after the end of its range, even when it reads records past it. */
class RangeEndTest {

  private static final long END = at(Duration.ofDays(30));
  private final EngineDriver engine = EngineDriver.replaying(new Replay(null, true, END));

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void winBackDueAfterTheRangeStaysPendingAndIsNotFired() {
    engine.order("early", "o0", at(Duration.ofDays(-40)), "mug"); // due on day 20: inside the range
    engine.order("c1", "o1", at(Duration.ZERO), "mug"); // due on day 60: after it

    engine.usage("later", "u1", at(Duration.ofDays(90)), 1, 100); // a record past the end moves stream time on

    assertThat(engine.fired()).filteredOn(t -> t.getType() == TriggerType.WIN_BACK)
        .extracting(UpsellTrigger::getCustomerId).containsExactly("early");
    try (var timers = engine.driver().<String, UpsellTrigger>getKeyValueStore(Decider.TIMERS).all()) {
      Map<String, PendingTimers.Pending> pending = PendingTimers.of(timers, ZoneOffset.UTC);
      String day60 = LocalDate.ofInstant(EngineDriver.BASE.plus(Duration.ofDays(60)), ZoneOffset.UTC).toString();
      assertThat(pending).containsEntry("WIN_BACK", new PendingTimers.Pending(1, day60, day60));
    }
  }

  @Test
  void cartReminderCancelledByAnOrderInsideTheRangeIsNotFired() {
    engine.cart("c1", "e1", CartEventType.ITEM_ADDED, at(Duration.ZERO), "p1");
    engine.cart("c2", "e2", CartEventType.ITEM_ADDED, at(Duration.ZERO), "p1");
    engine.order("c1", "o1", at(Duration.ofMinutes(10)), "p1");

    engine.order("c3", "o3", at(Duration.ofHours(2)), "mug");

    assertThat(engine.fired()).filteredOn(t -> t.getType() == TriggerType.CART_ABANDONED)
        .extracting(UpsellTrigger::getCustomerId).isEqualTo(List.of("c2"));
  }
}
