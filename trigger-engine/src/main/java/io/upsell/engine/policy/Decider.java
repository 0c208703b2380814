package io.upsell.engine.policy;

import io.upsell.engine.config.EngineConfig;
import io.upsell.engine.topology.EngineContext;
import io.upsell.engine.topology.StoreReader;
import io.upsell.engine.triggers.Trigger;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.upsell.SuppressedTrigger;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Every candidate passes here: one due later waits in the timer store (keyed by due time, so a scan reads only what
 * is due); one due now, or a timer coming due, is re-checked by its trigger and then put through the policies.
 * Wall-clock punctuation fires timers within a second in production; stream time replays history deterministically.
 */
public final class Decider implements Processor<String, UpsellTrigger, String, Decision>, StoreReader {

  /** Timer store, key {@code dueMillis(13 digits)|customerKey|triggerId}. */
  public static final String TIMERS = "timers";

  private final EngineContext engine;
  private final Map<TriggerType, Trigger> triggers;
  private final TimerClock wallClockTimers;
  private ProcessorContext<String, Decision> context;
  private KeyValueStore<String, UpsellTrigger> timers;
  private KeyValueStore<String, CustomerFacts> facts;

  public Decider(EngineContext engine, Map<TriggerType, Trigger> triggers) {
    this.engine = engine;
    this.triggers = triggers;
    this.wallClockTimers = new TimerClock(engine.config().inputIdleAfter().toMillis());
  }

  @Override
  public void init(ProcessorContext<String, Decision> context) {
    this.context = context;
    timers = context.getStateStore(TIMERS);
    facts = context.getStateStore(FactsKeeper.STORE);
    EngineConfig config = engine.config();
    // Production timers follow the clock even when no event arrives; a backtest has no clock but the history's.
    PunctuationType type = engine.streamTimeTimers() ? PunctuationType.STREAM_TIME : PunctuationType.WALL_CLOCK_TIME;
    context.schedule(config.punctuateEvery(), type, at -> {
      if (engine.replay() != null) {
        judgeAsDue(replayTime(at));
      } else if (engine.streamTimeTimers()) {
        long judged = replayTime(at);
        fireDue(judged, judged);
      } else {
        UndecidedTimers.seen(this, fireDue(wallClockTimers.now(at, context.currentStreamTimeMs()), at));
      }
    });
  }

  @Override
  public void close() {
    UndecidedTimers.closed(this);
  }

  @Override
  public <S extends StateStore> S store(String name) {
    return context.getStateStore(name);
  }

  @Override
  public void process(Record<String, UpsellTrigger> record) {
    UpsellTrigger candidate = record.value();
    long due = candidate.getDueAt() == null ? record.timestamp() : candidate.getDueAt().toEpochMilli();
    // Stream time in a backtest; in production the wall clock, held back to the input's time while a backlog is read.
    long clock = engine.streamTimeTimers() ? replayTime(context.currentStreamTimeMs())
        : wallClockTimers.reading(context.currentSystemTimeMs(), context.currentStreamTimeMs());
    if (due <= record.timestamp()) {
      decide(record.key(), candidate, record.timestamp());
    } else if (due > clock) {
      timers.put(timerKey(due, record.key(), candidate.getTriggerId()), candidate);
    } else {
      // Already overdue when it arrives (it came through a repartition hop, or the input is idle): fire it now, or on
      // stream time as of its due time, so a replay does not depend on how far other partitions have run ahead.
      fire(candidate, engine.streamTimeTimers() ? due : clock);
    }
  }

  // A backtest judges nothing at or after its range's end, though it may read records past it: what is due then stays
  // pending, since the events that would have cancelled it are not part of the replay.
  private long replayTime(long streamTime) {
    return engine.replay() == null ? streamTime : engine.replay().judgedAt(streamTime);
  }

  /**
   * Fires the timers due by {@code now}, the time judged at; returns the due time of the oldest timer due by the
   * {@code wall} clock that must still wait (now is held back while a backlog is read), or 0 when none does.
   */
  private long fireDue(long now, long wall) {
    List<KeyValue<String, UpsellTrigger>> due = new ArrayList<>();
    long oldestWaiting = 0;
    // Only keys due by the wall clock: '}' sorts after the '|' that ends every due time, so the range holds all of
    // its millisecond. (all() would copy the whole cached key set of the store on each scan.) Keys sort by due time,
    // so the first one past now is the oldest that waits, and the scan ends there.
    try (var it = timers.range(paddedMillis(0), paddedMillis(Math.max(now, wall)) + '}')) {
      while (it.hasNext()) {
        KeyValue<String, UpsellTrigger> timer = it.next();
        long dueAt = Long.parseLong(timer.key.substring(0, 13));
        if (dueAt > now) {
          oldestWaiting = dueAt;
          break;
        }
        due.add(timer);
      }
    }
    for (KeyValue<String, UpsellTrigger> timer : due) {
      timers.delete(timer.key);
      fire(timer.value, now);
    }
    return oldestWaiting;
  }

  // A backtest reads no clock: when its history jumps past timers, each is judged as of its own due time, as the live
  // engine would have judged it then — not at the next record's time, which may fall in quiet hours and delay it
  // again until the range's end. What judging puts due again by now (a quiet-hours delay, a move to newer activity)
  // is judged too, in due order.
  private void judgeAsDue(long now) {
    while (true) {
      KeyValue<String, UpsellTrigger> next;
      try (var it = timers.range(paddedMillis(0), paddedMillis(now) + '}')) {
        if (!it.hasNext()) {
          return;
        }
        next = it.next();
      }
      timers.delete(next.key);
      fire(next.value, Long.parseLong(next.key.substring(0, 13)));
    }
  }

  // A timer that came due re-checks its trigger's state (the order may have arrived) before the policies see it; one
  // whose source event newer activity replaced may move on to that activity.
  private void fire(UpsellTrigger due, long now) {
    Trigger trigger = triggers.get(due.getType());
    String key = Keys.customer(due.getShopId(), due.getCustomerId());
    if (trigger.stillHolds(due, this)) {
      decide(key, due, now);
      return;
    }
    trigger.carriedForward(due, this, () -> engine.settings(this, due.getShopId())).ifPresent(next -> {
      long at = next.getDueAt().toEpochMilli();
      if (at > now) {
        timers.put(timerKey(at, key, next.getTriggerId()), next);
      } else {
        fire(next, now);
      }
    });
  }

  private void decide(String key, UpsellTrigger candidate, long now) {
    CustomerFacts known = Optional.ofNullable(facts.get(key)).orElseGet(CustomerFacts::new);
    Verdict verdict = Policies.decide(candidate, triggers.get(candidate.getType()), known,
        engine.settings(this, candidate.getShopId()), engine.consentWithoutProfile(), now);
    UpsellTrigger t = verdict.trigger();
    switch (verdict.kind()) {
      case REPEAT -> {
        return;
      }
      case DELAY -> {
        timers.put(timerKey(verdict.until(), key, t.getTriggerId()), t);
        return;
      }
      case FIRE -> {
        context.forward(new Record<>(key, new Decision(t, null), now));
        if (t.getOffer().getProductIds().isEmpty()) {
          known.prompted(t.getTriggerId(), t.getType().name());
        }
      }
      case SUPPRESS -> context.forward(new Record<>(key, new Decision(null,
          new SuppressedTrigger(t, verdict.reason(), verdict.detail())), now));
    }
    known.decided(t.getTriggerId());
    if (verdict.kind() == Verdict.Kind.FIRE || t.getHoldout()) {
      // The control group is charged like the treated group, so both see the same cadence of decisions.
      known.sent(t.getChannelHint().name(), t.getType().name(), now);
    }
    facts.put(key, known);
  }

  static String timerKey(long due, String customerKey, String triggerId) {
    return paddedMillis(due) + '|' + customerKey + '|' + triggerId;
  }

  /** The last due time a timer key can hold (13 digits, in the year 2286); a later due time waits until then. */
  static final long LAST_DUE_MILLIS = 9_999_999_999_999L;

  // Keys compare as text, so every due time must have exactly 13 digits: a 14-digit one (a cycle of 99,999 days)
  // would sort before "now" and fire at once. Clamping keeps the order of all real due times and the key format.
  private static String paddedMillis(long millis) {
    String digits = Long.toString(Math.min(Math.max(millis, 0), LAST_DUE_MILLIS));
    return "0".repeat(13 - digits.length()) + digits;
  }
}
