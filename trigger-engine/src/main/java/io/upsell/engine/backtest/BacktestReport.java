package io.upsell.engine.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upsell.engine.policy.Decision;
import io.upsell.schemas.serde.AvroJson;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a backtest found: triggers that would have fired per type and day and per type and variant, the first of each type as samples, and refusals per policy reason (also per
 * type). Filled by the replay's sink; read by the REST endpoint while it runs.
 */
public final class BacktestReport {

  /** Fired triggers kept per type as samples of what would have been sent: enough to read, bounded in memory. */
  public static final int SAMPLES_PER_TYPE = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ZoneId zone;
  private final Map<String, Map<LocalDate, Long>> fired = new TreeMap<>();
  private final Map<String, Map<String, Long>> firedByVariant = new TreeMap<>();
  private final Map<String, TreeMap<String, JsonNode>> samples = new TreeMap<>();
  private final Map<String, Long> suppressed = new TreeMap<>();
  private final Map<String, Map<String, Long>> suppressedByType = new TreeMap<>();
  private Map<String, PendingTimers.Pending> pending = new TreeMap<>();
  private Map<String, SourceEvents.SourceEvent> sourceEvents = new TreeMap<>();

  public BacktestReport(ZoneId zone) {
    this.zone = zone;
  }

  /** Counts one decision of the replay, made at {@code atMillis} (stream time). */
  public synchronized void add(Decision decision, long atMillis) {
    if (decision.isFired()) {
      UpsellTrigger t = decision.fired();
      LocalDate day = Instant.ofEpochMilli(atMillis).atZone(zone).toLocalDate();
      fired.computeIfAbsent(t.getType().name(), k -> new TreeMap<>()).merge(day, 1L, Long::sum);
      firedByVariant.computeIfAbsent(t.getType().name(), k -> new TreeMap<>()).merge(t.getVariant(), 1L, Long::sum);
      sample(t, atMillis);
    } else {
      String reason = decision.suppressed().getSuppressionReason().name();
      suppressed.merge(reason, 1L, Long::sum);
      suppressedByType.computeIfAbsent(decision.suppressed().getTrigger().getType().name(), k -> new TreeMap<>())
          .merge(reason, 1L, Long::sum);
    }
  }

  // The first SAMPLES_PER_TYPE by due time (then trigger id): the same ones every run, whatever the order of ties.
  private void sample(UpsellTrigger t, long atMillis) {
    TreeMap<String, JsonNode> kept = samples.computeIfAbsent(t.getType().name(), k -> new TreeMap<>());
    long due = t.getDueAt() == null ? atMillis : t.getDueAt().toEpochMilli();
    String key = String.format("%020d %s", due, t.getTriggerId());
    if (kept.size() >= SAMPLES_PER_TYPE && key.compareTo(kept.lastKey()) >= 0) {
      return;
    }
    try {
      kept.put(key, JSON.readTree(AvroJson.encode(t)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a trigger's Avro JSON is not JSON", e);
    }
    if (kept.size() > SAMPLES_PER_TYPE) {
      kept.pollLastEntry();
    }
  }

  /** The ids of the events that fired the samples kept. */
  synchronized java.util.Set<String> sampleSourceEventIds() {
    java.util.Set<String> ids = new java.util.TreeSet<>();
    samples.values().forEach(kept -> kept.values().forEach(t -> t.path("sourceEventIds")
        .forEach(id -> ids.add(id.asText()))));
    return ids;
  }

  /** The samples' source events, by id, as found in the replayed range. */
  synchronized void sourceEvents(Map<String, SourceEvents.SourceEvent> byId) {
    sourceEvents = new TreeMap<>(byId);
  }

  synchronized void pending(Map<String, PendingTimers.Pending> byType) {
    pending = new TreeMap<>(byType);
  }

  ZoneId zone() {
    return zone;
  }

  /** A consistent copy for the JSON answer. */
  public synchronized Snapshot snapshot() {
    Map<String, Map<String, Long>> byDay = new TreeMap<>();
    Map<String, Long> totals = new TreeMap<>();
    fired.forEach((type, days) -> {
      Map<String, Long> copy = new TreeMap<>();
      days.forEach((day, n) -> copy.put(day.toString(), n));
      byDay.put(type, copy);
      totals.put(type, days.values().stream().mapToLong(Long::longValue).sum());
    });
    Map<String, Map<String, Long>> byVariant = new TreeMap<>();
    firedByVariant.forEach((type, variants) -> byVariant.put(type, new TreeMap<>(variants)));
    Map<String, Map<String, Long>> byType = new TreeMap<>();
    suppressedByType.forEach((type, reasons) -> byType.put(type, new TreeMap<>(reasons)));
    Map<String, List<JsonNode>> samplesByType = new TreeMap<>();
    samples.forEach((type, kept) -> samplesByType.put(type, List.copyOf(kept.values())));
    long pendingTimers = pending.values().stream().mapToLong(PendingTimers.Pending::count).sum();
    return new Snapshot(zone.getId(), totals, byDay, byVariant, new TreeMap<>(suppressed), byType, pendingTimers,
        new TreeMap<>(pending), samplesByType, new TreeMap<>(sourceEvents));
  }

  /**
   * The report as JSON.
   *
   * @param firedByTypeAndDay type → day (shop's zone) → count
   * @param firedByTypeAndVariant type → A/B variant → count, what the shop's measured lift per variant applies to
   * @param pendingTimers timers due at or after the end of the range: never judged, never counted as fired
   * @param pendingByType the same per trigger type, with the first and last due day
   * @param samplesByType per type, the first {@link #SAMPLES_PER_TYPE} fired triggers by due time, in Avro's JSON
   *     encoding (what the notifier's preview reads); their {@code sourceEventIds} name the events that fired them
   * @param sourceEvents those events by id, each with its topic, time, type and the event itself in Avro's JSON
   *     encoding (an id not among the replayed records, say one of before the warm-up, is absent)
   */
  public record Snapshot(String timeZone, Map<String, Long> firedByType, Map<String, Map<String, Long>> firedByTypeAndDay,
      Map<String, Map<String, Long>> firedByTypeAndVariant, Map<String, Long> suppressedByReason, Map<String, Map<String, Long>> suppressedByTypeAndReason,
      long pendingTimers, Map<String, PendingTimers.Pending> pendingByType, Map<String, List<JsonNode>> samplesByType,
      Map<String, SourceEvents.SourceEvent> sourceEvents) {}
}
