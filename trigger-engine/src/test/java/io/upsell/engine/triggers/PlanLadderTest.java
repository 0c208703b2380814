package io.upsell.engine.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.engine.testing.EngineDriver;
import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.catalog.ProductKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanLadderTest {

  private static Product plan(String id, long price, long storage, String upgradeOf, Integer tier, String period) {
    return EngineDriver.productOf(id).setKind(ProductKind.PLAN).setPriceMinor(price)
        .setQuotas(Map.of("storage", storage)).setUpgradeOf(upgradeOf).setTier(tier).setBillingPeriod(period).build();
  }

  private final Product basic = plan("basic", 900, 100, null, null, null);
  private final Product pro = plan("pro", 2_900, 1_000, "basic", null, null);
  private final Product business = plan("business", 9_900, 5_000, "pro", null, null);
  private final PlanLadder ladder = new PlanLadder(List.of(business, basic, pro,
      plan("pro-yearly", 29_000, 1_000, null, null, "year"), EngineDriver.productOf("mug").build()));

  @Test
  void offersTheCheapestHigherPlanWhoseQuotaHoldsTheUsageWithHeadroom() {
    assertThat(ladder.upgradeFor(basic, "storage", 86, 25)).contains(pro);
    assertThat(ladder.upgradeFor(pro, "storage", 900, 25)).contains(business);
  }

  @Test
  void skipsAHigherPlanTooSmallForTheUsage() {
    assertThat(ladder.upgradeFor(basic, "storage", 950, 25)).contains(business);
  }

  @Test
  void theTopPlanHasNoUpgrade() {
    assertThat(ladder.upgradeFor(business, "storage", 4_300, 25)).isEmpty();
  }

  @Test
  void upgradeOfOutranksPriceAndTierDecidesWithoutIt() {
    Product cheapTop = plan("cheap-top", 500, 10_000, "basic", null, null);
    Product low = plan("low", 5_000, 50, null, 1, null);
    Product high = plan("high", 4_000, 500, null, 2, null);
    PlanLadder mixed = new PlanLadder(List.of(basic, cheapTop, low, high));

    assertThat(mixed.above(basic)).contains(cheapTop);
    assertThat(mixed.above(low)).contains(high).doesNotContain(low);
  }

  @Test
  void theYearlyCounterpartIsTheYearlyPlanNamedAfterIt() {
    assertThat(ladder.yearlyOf(pro)).hasValueSatisfying(p -> assertThat(p.getProductId()).isEqualTo("pro-yearly"));
    assertThat(ladder.yearlyOf(basic)).isEmpty();
  }

  @Test
  void aYearlyPlanIsNotAnUpgradeOfAMonthlyOne() {
    assertThat(ladder.above(pro)).containsExactly(business);
  }

  @Test
  void productsThatAreNotPlansAreNotOnTheLadder() {
    assertThat(ladder.plan("mug")).isEmpty();
  }
}
