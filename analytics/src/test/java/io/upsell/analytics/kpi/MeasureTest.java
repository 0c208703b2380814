package io.upsell.analytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A day keeps its week's and month's distinct customers in their own counters; no other counter has such copies. */
class MeasureTest {

  @Test
  void aDistinctCounterOfAWeekOrMonthIsItsOwnCopyInTheDay() {
    assertThat(Measure.of(Granularity.WEEK, Measure.NEW_CUSTOMERS)).isEqualTo(Measure.WEEK_NEW_CUSTOMERS);
    assertThat(Measure.of(Granularity.MONTH, Measure.RETAINED)).isEqualTo(Measure.MONTH_RETAINED);
    assertThat(Measure.of(Granularity.DAY, Measure.CUSTOMERS)).isEqualTo(Measure.CUSTOMERS);
  }

  @Test
  void aCounterThatIsNotDistinctIsRefused() {
    for (Granularity g : Granularity.LIST) {
      assertThatThrownBy(() -> Measure.of(g, Measure.GROSS)).as("%s", g)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GROSS");
    }
  }
}
