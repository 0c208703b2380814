package io.upsell.analytics.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Deltas of the same store and key add up in one set of counters, whether found by scan or, past a few, by index. */
class ContributionsTest {

  @Test
  void aThousandLinesOfOneInvoiceAddUpPerProductKeyBeforeAndAfterTheIndexTakesOver() {
    Contributions out = new Contributions();
    for (int round = 0; round < 2; round++) {
      for (int product = 0; product < 1_000; product++) {
        out.add("kpi-products", "shop|d|P|" + product, 0, 4, product + 1);
        out.add("kpi-buckets", "shop|d|P|" + product, 1, 4, 1);
      }
    }

    assertThat(out.size()).isEqualTo(2_000);
    assertThat(out.counters("kpi-products", "shop|d|P|0", 4)).containsExactly(2, 0, 0, 0);
    assertThat(out.counters("kpi-products", "shop|d|P|999", 4)).containsExactly(2_000, 0, 0, 0);
    assertThat(out.counters("kpi-buckets", "shop|d|P|5", 4)).containsExactly(0, 2, 0, 0);
    assertThat(out.size()).isEqualTo(2_000);
  }
}
