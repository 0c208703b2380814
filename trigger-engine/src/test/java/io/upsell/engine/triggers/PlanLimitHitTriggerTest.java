package io.upsell.engine.triggers;

import static io.upsell.engine.testing.EngineDriver.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.schemas.app.SubscriptionStatus;
import io.upsell.schemas.upsell.TriggerType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlanLimitHitTriggerTest extends TriggerTestBase {

  @Test
  void firesWhenAFeatureOfAHigherPlanIsRequested() {
    engine.featureRequest("c1", "f1", at(Duration.ZERO), "sso", "business");

    assertThat(engine.fired()).singleElement().satisfies(t -> {
      assertThat(t.getType()).isEqualTo(TriggerType.PLAN_LIMIT_HIT);
      assertThat(t.getOffer().getPlan()).isEqualTo("business");
    });
  }

  @Test
  void doesNotFireForPlainUsage() {
    engine.usage("c1", "u1", at(Duration.ZERO), 10, 100);

    assertThat(engine.fired()).isEmpty();
  }

  @Test
  void firesOncePerFeature() {
    engine.featureRequest("c1", "f1", at(Duration.ZERO), "sso", "business");
    engine.featureRequest("c1", "f2", at(Duration.ofHours(30)), "sso", "business");

    assertThat(engine.fired()).hasSize(1);
  }

  @Test
  void doesNotFireOnceTheCustomerIsOnTheRequiredPlan() {
    engine.subscription("c1", "s1", at(Duration.ZERO), "business", SubscriptionStatus.ACTIVE, null, true);
    engine.featureRequest("c1", "f1", at(Duration.ofMinutes(1)), "sso", "business");

    assertThat(engine.fired()).isEmpty();
  }

  @Test
  void lateRequestFromBeforeThePlanChangeDoesNotFire() {
    engine.subscription("c1", "s1", at(Duration.ofMinutes(5)), "pro", SubscriptionStatus.ACTIVE, null, true);
    engine.featureRequest("c1", "f1", at(Duration.ZERO), "sso", "business");

    assertThat(engine.fired()).isEmpty();
  }

  @Test
  void offeredFeaturesAreRememberedAcrossARestart() {
    engine.featureRequest("c1", "f1", at(Duration.ZERO), "sso", "business");
    assertThat(engine.fired()).hasSize(1);

    engine = engine.restart();
    engine.featureRequest("c1", "f2", at(Duration.ofHours(30)), "sso", "business");

    assertThat(engine.fired()).isEmpty();
  }
}
