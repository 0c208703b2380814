package io.upsell.engine.triggers;

import static io.upsell.engine.testing.EngineDriver.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StorageNearFullTriggerTest extends TriggerTestBase {

  @Test
  void firesOnceWhenUsageCrossesEightyPercent() {
    engine.usage("c1", "u1", at(Duration.ZERO), 81, 100);

    assertThat(engine.fired()).singleElement().satisfies(t -> {
      assertThat(t.getType()).isEqualTo(TriggerType.STORAGE_NEAR_FULL);
      assertThat(t.getStep()).isEqualTo(1);
      assertThat(t.getChannelHint()).isEqualTo(ChannelHint.IN_APP);
    });
  }

  @Test
  void doesNotFireBelowEightyPercent() {
    engine.usage("c1", "u1", at(Duration.ZERO), 79, 100);

    assertThat(engine.fired()).isEmpty();
  }

  @Test
  void firesOncePerCrossingThenAgainAtNinetyFive() {
    engine.usage("c1", "u1", at(Duration.ZERO), 81, 100);
    engine.usage("c1", "u2", at(Duration.ofMinutes(1)), 85, 100);
    engine.usage("c1", "u3", at(Duration.ofMinutes(2)), 96, 100);
    engine.usage("c1", "u4", at(Duration.ofMinutes(3)), 97, 100);

    assertThat(engine.fired()).extracting(UpsellTrigger::getStep).containsExactly(1, 2);
  }

  @Test
  void isReArmedAfterUsageDropsBelowTheThreshold() {
    engine.usage("c1", "u1", at(Duration.ZERO), 81, 100);
    engine.usage("c1", "u2", at(Duration.ofMinutes(1)), 50, 100);
    engine.usage("c1", "u3", at(Duration.ofMinutes(2)), 82, 100);

    assertThat(engine.fired()).extracting(UpsellTrigger::getStep).containsExactly(1, 1);
  }

  @Test
  void lateOlderReportDoesNotReArmOrFire() {
    engine.usage("c1", "u2", at(Duration.ofMinutes(2)), 85, 100);
    engine.usage("c1", "u1", at(Duration.ZERO), 10, 100);
    engine.usage("c1", "u3", at(Duration.ofMinutes(3)), 86, 100);

    assertThat(engine.fired()).hasSize(1);
  }

  @Test
  void crossingIsRememberedAcrossARestart() {
    engine.usage("c1", "u1", at(Duration.ZERO), 81, 100);
    assertThat(engine.fired()).hasSize(1);

    engine = engine.restart();
    engine.usage("c1", "u2", at(Duration.ofMinutes(1)), 88, 100);

    assertThat(engine.fired()).isEmpty();
  }
}
