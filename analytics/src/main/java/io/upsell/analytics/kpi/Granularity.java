package io.upsell.analytics.kpi;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A period length of a shop's calendar. Periods start on the shop's wall clock (weeks on Monday), and a period is
 * named by its local start written as seconds since 1970-01-01T00:00 local ("period id"), so keys sort by time.
 */
public enum Granularity {
  HOUR('H'),
  DAY('D'),
  WEEK('W'),
  MONTH('M');

  /** {@link #values()} without a copy per call. */
  public static final List<Granularity> LIST = List.of(values());

  private static final long SECONDS_PER_DAY = 86_400L;

  private final char code;

  Granularity(char code) {
    this.code = code;
  }

  /** Hours and days have their own bucket keys; weeks and months are summed from their days when read. */
  public boolean stored() {
    return this == HOUR || this == DAY;
  }

  public char code() {
    return code;
  }

  /** The local start of the period holding {@code at} in {@code zone}. */
  public LocalDateTime startOf(Instant at, ZoneId zone) {
    return startOf(LocalDateTime.ofInstant(at, zone));
  }

  public LocalDateTime startOf(LocalDateTime local) {
    return switch (this) {
      case HOUR -> local.truncatedTo(ChronoUnit.HOURS);
      case DAY -> local.truncatedTo(ChronoUnit.DAYS);
      case WEEK -> local.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> local.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
    };
  }

  public LocalDateTime next(LocalDateTime start) {
    return switch (this) {
      case HOUR -> start.plusHours(1);
      case DAY -> start.plusDays(1);
      case WEEK -> start.plusWeeks(1);
      case MONTH -> start.plusMonths(1);
    };
  }

  public LocalDateTime previous(LocalDateTime start) {
    return switch (this) {
      case HOUR -> start.minusHours(1);
      case DAY -> start.minusDays(1);
      case WEEK -> start.minusWeeks(1);
      case MONTH -> start.minusMonths(1);
    };
  }

  /** Period id of the period holding {@code at}. */
  public long periodOf(long atMillis, ZoneId zone) {
    return periodsOf(atMillis, zone)[ordinal()];
  }

  /**
   * Period ids of the periods holding {@code at}, indexed by ordinal: one zone lookup, then arithmetic on the local
   * epoch second (every event needs all four, and java.time's date objects cost more than the rest of it).
   */
  public static long[] periodsOf(long atMillis, ZoneId zone) {
    long local = Math.floorDiv(atMillis, 1000L)
        + zone.getRules().getOffset(Instant.ofEpochMilli(atMillis)).getTotalSeconds();
    long day = Math.floorDiv(local, SECONDS_PER_DAY);
    long[] ids = new long[LIST.size()];
    ids[HOUR.ordinal()] = Math.floorDiv(local, 3600L) * 3600L;
    ids[DAY.ordinal()] = day * SECONDS_PER_DAY;
    // Epoch day 0, 1970-01-01, was a Thursday: three days after a Monday.
    ids[WEEK.ordinal()] = (day - Math.floorMod(day + 3, 7)) * SECONDS_PER_DAY;
    ids[MONTH.ordinal()] = LocalDate.ofEpochDay(day).withDayOfMonth(1).toEpochDay() * SECONDS_PER_DAY;
    return ids;
  }

  public static long id(LocalDateTime localStart) {
    return localStart.toEpochSecond(ZoneOffset.UTC);
  }

  public static LocalDateTime local(long periodId) {
    return LocalDateTime.ofEpochSecond(periodId, 0, ZoneOffset.UTC);
  }

  public static Optional<Granularity> parse(String text) {
    for (Granularity g : LIST) {
      if (g.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
