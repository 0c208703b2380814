package io.upsell.engine.backtest;

import io.upsell.schemas.upsell.UpsellTrigger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;

/**
 * Timers still waiting when the replay reached the end of its range, per trigger type with their first and last due
 * day: they were due at or after the end, so they were never judged and never count as fired.
 */
public final class PendingTimers {

  /**
   * Pending timers of one type.
   *
   * @param firstDue the earliest due day (shop's zone), {@code lastDue} the latest
   */
  public record Pending(long count, String firstDue, String lastDue) {}

  private PendingTimers() {}

  /** Summarises a scan of the timer store (key {@code dueMillis(13 digits)|customerKey|triggerId}). */
  static Map<String, Pending> of(Iterator<KeyValue<String, UpsellTrigger>> timers, ZoneId zone) {
    Map<String, Pending> byType = new TreeMap<>();
    timers.forEachRemaining(timer -> {
      String day = LocalDate.ofInstant(Instant.ofEpochMilli(Long.parseLong(timer.key.substring(0, 13))), zone)
          .toString();
      byType.merge(timer.value.getType().name(), new Pending(1, day, day), (a, b) -> new Pending(a.count() + 1,
          min(a.firstDue(), b.firstDue()), max(a.lastDue(), b.lastDue())));
    });
    return byType;
  }

  private static String min(String a, String b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String max(String a, String b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
