package io.upsell.analytics.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The lift arithmetic: difference of treated over control with a normal-approximation 95% interval. */
class LiftQueryTest {

  @Test
  void conversionLiftHasTheTwoProportionInterval() {
    long[] treated = {100, 30, 0, 0};
    long[] control = {100, 20, 0, 0};

    LiftQuery.Estimate lift = LiftQuery.conversion(treated, control);

    // se = sqrt(0.3*0.7/100 + 0.2*0.8/100) = 0.060828; 1.96 * se = 0.119221
    assertThat(lift.difference()).isEqualTo(0.1);
    assertThat(lift.ci95Low()).isCloseTo(-0.0192, within(0.0001));
    assertThat(lift.ci95High()).isCloseTo(0.2192, within(0.0001));
    assertThat(lift.relative()).isEqualTo(0.5);
  }

  @Test
  void revenueLiftUsesEachGroupsVariance() {
    // treated: revenues 0, 100, 200 (mean 100, sample variance 10000); control: 0, 0, 0, 100 (mean 25, var 2500)
    long[] treated = {3, 2, 300, 50_000};
    long[] control = {4, 1, 100, 10_000};

    LiftQuery.Estimate lift = LiftQuery.revenue(treated, control);

    double se = Math.sqrt(10_000 / 3.0 + 2_500 / 4.0);
    assertThat(lift.difference()).isEqualTo(75.0);
    assertThat(lift.ci95Low()).isCloseTo(75 - 1.959964 * se, within(0.001));
    assertThat(lift.ci95High()).isCloseTo(75 + 1.959964 * se, within(0.001));
  }

  @Test
  void noControlGroupMeansNoEstimate() {
    assertThat(LiftQuery.conversion(new long[] {10, 5, 0, 0}, new long[4]).difference()).isNull();
  }
}
