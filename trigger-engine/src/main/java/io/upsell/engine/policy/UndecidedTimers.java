package io.upsell.engine.policy;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The age of the oldest trigger that is due by the wall clock and not yet decided, over this JVM's tasks, as
 * {@code upsell.triggers.undecided.oldest.seconds}. Each task's punctuator already reads its timers in due order; it
 * reads on to the wall clock and stops at the first timer it may not fire yet (held back while a backlog is read), so
 * the figure costs one key per punctuation, never a scan of the store. As of the last punctuation: a stream thread
 * that stopped punctuating is reported by the Kafka Streams liveness check, not here.
 */
final class UndecidedTimers {

  private static final Map<Object, Long> OLDEST_DUE_BY_TASK = new ConcurrentHashMap<>();

  static {
    Gauge.builder("upsell.triggers.undecided.oldest.seconds", () -> ageSeconds(System.currentTimeMillis()))
        .description("Age of the oldest trigger due by the wall clock and not yet decided (0: none)")
        .register(Metrics.globalRegistry);
  }

  private UndecidedTimers() {}

  /** After a punctuation of {@code task}: its oldest timer due and still waiting, or 0 when none is. */
  static void seen(Object task, long oldestDueMillis) {
    if (oldestDueMillis == 0) {
      OLDEST_DUE_BY_TASK.remove(task);
    } else {
      OLDEST_DUE_BY_TASK.put(task, oldestDueMillis);
    }
  }

  static void closed(Object task) {
    OLDEST_DUE_BY_TASK.remove(task);
  }

  /** Seconds since the oldest waiting timer came due, at {@code wallMillis}. */
  static double ageSeconds(long wallMillis) {
    return OLDEST_DUE_BY_TASK.values().stream().mapToLong(Long::longValue).min()
        .stream().mapToDouble(due -> Math.max(0, wallMillis - due) / 1000.0).findFirst().orElse(0);
  }
}
