package io.upsell.analytics.query;

import io.upsell.analytics.kpi.Granularity;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A period's revenue target from the shop's monthly one: a month has its target; a day has the month's spread
 * evenly over its days (the pennies that do not divide go to the month's last days, so a month's days add up to
 * its target exactly); a week has its days' shares (a week across two months takes from each). An hour has none.
 */
final class Targets {

  private Targets() {}

  static Long of(Granularity g, LocalDateTime start, Long monthly) {
    if (monthly == null || g == Granularity.HOUR) {
      return null;
    }
    if (g == Granularity.MONTH) {
      return monthly;
    }
    long total = 0;
    for (LocalDate day = start.toLocalDate(); day.isBefore(g.next(start).toLocalDate()); day = day.plusDays(1)) {
      total += dayShare(day, monthly);
    }
    return total;
  }

  /** The day's share: the month's running total at the day's end minus at its start, each rounded down. */
  static long dayShare(LocalDate day, long monthly) {
    int days = day.lengthOfMonth();
    int index = day.getDayOfMonth();
    return upTo(monthly, index, days) - upTo(monthly, index - 1, days);
  }

  // floor(monthly * index / days) without overflow: the whole part and the remainder's part apart.
  private static long upTo(long monthly, int index, int days) {
    return Math.floorDiv(monthly, days) * index + Math.floorDiv(Math.floorMod(monthly, days) * index, days);
  }
}
