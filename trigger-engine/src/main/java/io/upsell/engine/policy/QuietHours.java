package io.upsell.engine.policy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Quiet hours are a window of the customer's local day (it may wrap midnight); inside it, messages wait for its end. */
final class QuietHours {

  private QuietHours() {}

  /** The end of the quiet window {@code now} falls in, or {@code now} itself when it is not quiet. */
  static long endIfQuiet(long now, ZoneId zone, int startMinute, int endMinute) {
    if (startMinute == endMinute) {
      return now;
    }
    ZonedDateTime local = Instant.ofEpochMilli(now).atZone(zone);
    int minute = local.getHour() * 60 + local.getMinute();
    boolean wraps = startMinute > endMinute;
    boolean quiet = wraps ? minute >= startMinute || minute < endMinute : minute >= startMinute && minute < endMinute;
    if (!quiet) {
      return now;
    }
    ZonedDateTime end = local.toLocalDate().atStartOfDay(zone).plusMinutes(endMinute);
    if (!end.isAfter(local)) {
      end = end.plusDays(1);
    }
    return end.toInstant().toEpochMilli();
  }
}
