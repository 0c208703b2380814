package io.upsell.engine.triggers;

import static io.upsell.engine.testing.EngineDriver.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.engine.testing.EngineDriver;
import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.SuppressionReason;
import io.upsell.schemas.upsell.UsageInfo;
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
  void aReportAt86PercentOnBasicOffersProWithItsPriceAnd86Of100Gb() {
    engine.planLadder();
    engine.storage("c1", "u1", at(Duration.ZERO), "basic", 86, 100);

    assertThat(engine.fired()).singleElement().satisfies(t -> {
      assertThat(t.getOffer().getCurrentPlan().getPlanId()).isEqualTo("basic");
      assertThat(t.getOffer().getOfferedPlan().getPlanId()).isEqualTo("pro");
      assertThat(t.getOffer().getOfferedPlan().getPriceMinor()).isEqualTo(2_900L);
      assertThat(t.getOffer().getCurrency()).isEqualTo("GBP");
      assertThat(t.getOffer().getUsage()).isEqualTo(new UsageInfo("storage", 86L, 100L, "GB"));
      assertThat(t.getOffer().getUrl()).isEqualTo(EngineDriver.STOREFRONT + "account/billing");
    });
  }

  @Test
  void aReportAt86PercentOnBusinessIsRefusedAsTheTopPlan() {
    engine.planLadder();
    engine.storage("c1", "u1", at(Duration.ZERO), "business", 4_300, 5_000);

    assertThat(engine.fired()).isEmpty();
    assertThat(engine.suppressed()).singleElement()
        .satisfies(s -> assertThat(s.getSuppressionReason()).isEqualTo(SuppressionReason.TOP_PLAN));
  }

  @Test
  void aPlanTheCatalogDoesNotKnowStillGetsThePromptWithItsUsage() {
    engine.planLadder();
    engine.storage("c1", "u1", at(Duration.ZERO), "legacy-2019", 86, 100);

    assertThat(engine.fired()).singleElement().satisfies(t -> {
      assertThat(t.getOffer().getCurrentPlan()).isNull();
      assertThat(t.getOffer().getOfferedPlan()).isNull();
      assertThat(t.getOffer().getUsage().getUsedUnits()).isEqualTo(86L);
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
