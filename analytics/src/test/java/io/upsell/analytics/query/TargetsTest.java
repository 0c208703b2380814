package io.upsell.analytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.analytics.kpi.Granularity;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TargetsTest {

  @Test
  void aMonthsTargetIsSpreadOverItsDaysToThePenny() {
    long monthly = 100_000; // 30 days of June: 3,333.33... a day
    long sum = 0;
    for (LocalDate d = LocalDate.of(2024, 6, 1); d.getMonthValue() == 6; d = d.plusDays(1)) {
      Long day = Targets.of(Granularity.DAY, d.atStartOfDay(), monthly);
      assertThat(day).isBetween(3_333L, 3_334L);
      sum += day;
    }
    assertThat(sum).isEqualTo(monthly);
    assertThat(Targets.of(Granularity.MONTH, LocalDate.of(2024, 6, 1).atStartOfDay(), monthly)).isEqualTo(monthly);
  }

  @Test
  void aWeekAcrossTwoMonthsTakesEachDaysShareOfItsOwnMonth() {
    // Monday 2024-06-24 to Sunday 06-30: seven June days of 1,000 (30,000 over 30 days)
    long week = Targets.of(Granularity.WEEK, LocalDate.of(2024, 6, 24).atStartOfDay(), 30_000L);
    assertThat(week).isEqualTo(7_000);
    // Monday 2024-07-29 to Sunday 08-04: 3 July days (31 days: 1,000 each of 31,000) and 4 August days
    long across = Targets.of(Granularity.WEEK, LocalDate.of(2024, 7, 29).atStartOfDay(), 31_000L);
    assertThat(across).isEqualTo(7_000);
  }

  @Test
  void anHourOrAShopWithoutAMonthlyTargetHasNone() {
    assertThat(Targets.of(Granularity.HOUR, LocalDate.of(2024, 6, 1).atStartOfDay(), 30_000L)).isNull();
    assertThat(Targets.of(Granularity.DAY, LocalDate.of(2024, 6, 1).atStartOfDay(), null)).isNull();
  }
}
