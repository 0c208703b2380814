package io.upsell.engine.triggers;

import static io.upsell.engine.testing.EngineDriver.BASE;
import static io.upsell.engine.testing.EngineDriver.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.schemas.app.SubscriptionStatus;
import io.upsell.schemas.upsell.TriggerType;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SubscriptionExpiringTriggerTest extends TriggerTestBase {

  private static final Instant EXPIRES = BASE.plus(Duration.ofDays(30));

  @Test
  void firesSevenDaysBeforeExpiry() {
    engine.subscription("c1", "s1", at(Duration.ZERO), "pro", SubscriptionStatus.ACTIVE, EXPIRES, false);

    engine.advance(Duration.ofDays(22));
    assertThat(engine.fired()).isEmpty();
    engine.advance(Duration.ofDays(2));

    assertThat(engine.fired()).singleElement().satisfies(t -> {
      assertThat(t.getType()).isEqualTo(TriggerType.SUBSCRIPTION_EXPIRING);
      assertThat(t.getOffer().getPlan()).isEqualTo("pro");
    });
  }

  @Test
  void doesNotFireWhenTheSubscriptionRenewsItself() {
    engine.subscription("c1", "s1", at(Duration.ZERO), "pro", SubscriptionStatus.ACTIVE, EXPIRES, true);

    engine.advance(Duration.ofDays(31));

    assertThat(engine.fired()).isEmpty();
  }

  @Test
  void firesOnceForARedeliveredChange() {
    engine.subscription("c1", "s1", at(Duration.ZERO), "pro", SubscriptionStatus.ACTIVE, EXPIRES, false);
    engine.subscription("c1", "s1", at(Duration.ZERO), "pro", SubscriptionStatus.ACTIVE, EXPIRES, false);

    engine.advance(Duration.ofDays(24));
    engine.advance(Duration.ofDays(1));

    assertThat(engine.fired()).hasSize(1);
  }

  @Test
  void isCancelledByARenewal() {
    engine.subscription("c1", "s1", at(Duration.ZERO), "pro", SubscriptionStatus.ACTIVE, EXPIRES, false);
    engine.subscription("c1", "s2", at(Duration.ofDays(10)), "pro", SubscriptionStatus.ACTIVE,
        EXPIRES.plus(Duration.ofDays(365)), true);

    engine.advance(Duration.ofDays(31));

    assertThat(engine.fired()).isEmpty();
  }

  @Test
  void lateOlderChangeDoesNotUndoTheRenewal() {
    engine.subscription("c1", "s2", at(Duration.ofDays(1)), "pro", SubscriptionStatus.ACTIVE, EXPIRES, true);
    engine.subscription("c1", "s1", at(Duration.ZERO), "pro", SubscriptionStatus.ACTIVE, EXPIRES, false);

    engine.advance(Duration.ofDays(31));

    assertThat(engine.fired()).isEmpty();
  }

  @Test
  void pendingReminderSurvivesARestart() {
    engine.subscription("c1", "s1", at(Duration.ZERO), "pro", SubscriptionStatus.ACTIVE, EXPIRES, false);
    engine.advance(Duration.ofDays(5));

    engine = engine.restart();
    engine.advance(Duration.ofDays(19));

    assertThat(engine.fired()).hasSize(1);
  }
}
