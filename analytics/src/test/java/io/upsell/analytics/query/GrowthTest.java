package io.upsell.analytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.analytics.kpi.Measure;
import org.junit.jupiter.api.Test;

class GrowthTest {

  @Test
  void comparesNetRevenueOrdersCustomersAndAovWithTheEarlierPeriod() {
    long[] before = counters(10_000, 1_000, 4, 3);
    long[] now = counters(15_000, 0, 5, 6);

    Growth.Comparison c = Growth.Comparison.of("2024-05-01", before, now);

    assertThat(c.start()).isEqualTo("2024-05-01");
    assertThat(c.netRevenueMinor()).isEqualTo(9_000);
    assertThat(c.netRevenueChangeMinor()).isEqualTo(6_000);
    assertThat(c.netRevenueChangeRate()).isEqualTo(0.6667);
    assertThat(c.ordersChange()).isEqualTo(1);
    assertThat(c.ordersChangeRate()).isEqualTo(0.25);
    assertThat(c.customersChange()).isEqualTo(3);
    assertThat(c.customersChangeRate()).isEqualTo(1.0);
    assertThat(c.aovMinor()).isEqualTo(2_500);
    assertThat(c.aovChangeMinor()).isEqualTo(500);
    assertThat(c.aovChangeRate()).isEqualTo(0.2);
  }

  @Test
  void aFallIsNegativeAndAnEmptyEarlierPeriodHasNoRate() {
    Growth.Comparison fall = Growth.Comparison.of("p", counters(10_000, 0, 2, 2), counters(5_000, 0, 1, 1));
    assertThat(fall.netRevenueChangeRate()).isEqualTo(-0.5);

    Growth.Comparison fromNothing = Growth.Comparison.of("p", new long[Measure.SIZE], counters(5_000, 0, 1, 1));
    assertThat(fromNothing.netRevenueChangeMinor()).isEqualTo(5_000);
    assertThat(fromNothing.netRevenueChangeRate()).isNull();
    assertThat(fromNothing.aovChangeMinor()).isNull();
  }

  private static long[] counters(long gross, long refunds, long orders, long customers) {
    long[] c = new long[Measure.SIZE];
    c[Measure.GROSS.ordinal()] = gross;
    c[Measure.REFUNDS.ordinal()] = refunds;
    c[Measure.ORDERS.ordinal()] = orders;
    c[Measure.CUSTOMERS.ordinal()] = customers;
    return c;
  }
}
