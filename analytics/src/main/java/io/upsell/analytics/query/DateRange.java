package io.upsell.analytics.query;

import io.upsell.analytics.kpi.Granularity;
import io.upsell.platform.http.ApiException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * A query's dates in the shop's zone: {@code from} inclusive, {@code to} exclusive; by default the last 30 days
 * including today. Unreadable or reversed dates are refused naming the parameter.
 */
public record DateRange(LocalDate from, LocalDate to) {

  private static final int DEFAULT_DAYS = 30;
  // Well inside the periods store keys can hold (StoreKeys.FIRST_PERIOD, LAST_PERIOD), a period either side included.
  private static final LocalDate FIRST = LocalDate.of(1, 1, 1);
  private static final LocalDate LAST = LocalDate.of(9999, 12, 31);

  public static DateRange parse(String from, String to, ZoneId zone) {
    LocalDate end = to == null || to.isBlank() ? LocalDate.now(zone).plusDays(1) : date("to", to);
    LocalDate start = from == null || from.isBlank() ? end.minusDays(DEFAULT_DAYS) : date("from", from);
    if (!start.isBefore(end)) {
      throw ApiException.badRequest("to", "must be after from (to is exclusive)");
    }
    return new DateRange(start, end);
  }

  public long fromDay() {
    return Granularity.id(from.atStartOfDay());
  }

  public long toDay() {
    return Granularity.id(to.atStartOfDay());
  }

  private static LocalDate date(String name, String text) {
    try {
      LocalDate date = LocalDate.parse(text.strip());
      if (date.isBefore(FIRST) || date.isAfter(LAST)) {
        throw ApiException.badRequest(name, "must be a date from " + FIRST + " to " + LAST + ", was '" + text + "'");
      }
      return date;
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(name, "must be a date like 2010-12-01, was '" + text + "'");
    }
  }
}
