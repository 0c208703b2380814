package io.upsell.engine.policy;

import static io.upsell.engine.testing.EngineDriver.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.engine.testing.EngineDriver;
import io.upsell.schemas.shop.CartEventType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UndecidedTimersTest {

  // A backlog counts as being read for a minute after stream time last moved: long enough to look at a held timer.
  private final EngineDriver engine = new EngineDriver(Map.of("upsell.engine.input-idle-after", "1m"));

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void showsTheAgeOfAReminderDueByTheClockButHeldBackWhileABacklogIsReadThenZeroOnceDecided() {
    engine.customer("c1");
    engine.advance(Duration.ofMinutes(40)); // the engine was down; the cart waits in Kafka, its reminder due 10 min ago
    engine.cart("c1", "e1", CartEventType.ITEM_ADDED, at(Duration.ZERO), "p1");

    engine.advance(Duration.ofSeconds(1));

    assertThat(engine.fired()).as("held back while the backlog is read").isEmpty();
    assertThat(UndecidedTimers.ageSeconds(at(Duration.ofMinutes(40).plusSeconds(1)))).isEqualTo(601.0);

    engine.advance(Duration.ofMinutes(2)); // the input went quiet: the wall clock leads and the reminder is decided

    assertThat(engine.fired()).hasSize(1);
    assertThat(UndecidedTimers.ageSeconds(at(Duration.ofMinutes(42).plusSeconds(1)))).isZero();
  }

  @Test
  void isZeroWhileEveryTimerIsDueLater() {
    engine.customer("c1");
    engine.cart("c1", "e1", CartEventType.ITEM_ADDED, at(Duration.ZERO), "p1");

    engine.advance(Duration.ofMinutes(10));

    assertThat(UndecidedTimers.ageSeconds(at(Duration.ofMinutes(10)))).isZero();
  }
}
