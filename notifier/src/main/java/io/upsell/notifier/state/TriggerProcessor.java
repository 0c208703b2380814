package io.upsell.notifier.state;

import io.upsell.notifier.delivery.TriggerHandler;
import io.upsell.notifier.delivery.EmailFallbacks;
import io.upsell.platform.health.InjectedFault;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.schemas.notify.Delivery;
import io.upsell.schemas.notify.InboxEntry;
import io.upsell.schemas.notify.SendClaim;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import io.upsell.schemas.notify.SendRetry;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import io.upsell.notifier.kafka.Outbox;
import java.time.Clock;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Handles each trigger of its partition to the end (every outcome acknowledged) before the next, with the
 * partition's customers' state; once a task starts, its ledger first catches up with what an earlier owner wrote.
 * Wall-clock punctuation emails the partition's unseen in-app prompts whose fallback timer is due, and tries again
 * the sends of its retry schedule that are due.
 */
final class TriggerProcessor implements Processor<String, UpsellTrigger, Void, Void> {

  /**
   * Due retries tried per scan: each may wait out a mail server's timeout on the stream thread, and a backlog after
   * an outage must not keep the thread from polling (and its group membership) for longer than one poll's records.
   */
  static final int RETRIES_PER_SCAN = 50;

  private final TriggerHandler handler;
  private final EmailFallbacks fallbacks;
  private final LedgerCatchUp catchUp;
  private final LedgerRetention retention;
  private final Outbox outbox;
  private final Clock clock;
  private final Duration fallbackScan;
  private final Duration retryScan;
  private ProcessorContext<Void, Void> context;
  private PartitionState state;
  private KeyValueStore<String, InboxEntry> inbox;
  private KeyValueStore<String, String> timers;

  TriggerProcessor(TriggerHandler handler, EmailFallbacks fallbacks, LedgerCatchUp catchUp,
      LedgerRetention retention, Outbox outbox, Clock clock, Duration fallbackScan, Duration retryScan) {
    this.handler = handler;
    this.fallbacks = fallbacks;
    this.catchUp = catchUp;
    this.retention = retention;
    this.outbox = outbox;
    this.clock = clock;
    this.fallbackScan = fallbackScan;
    this.retryScan = retryScan;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    Set<String> claimed = catchUp.run(context.taskId().partition(), context.getStateStore(StoreNames.CLAIMS),
        context.getStateStore(StoreNames.OUTCOMES), context.getStateStore(StoreNames.LEDGER_POSITIONS));
    state = new PartitionState(context, outbox, clock);
    state.interrupted(claimed, clock.instant());
    inbox = context.getStateStore(StoreNames.INBOX);
    timers = context.getStateStore(StoreNames.FALLBACK_TIMERS);
    context.schedule(fallbackScan, PunctuationType.WALL_CLOCK_TIME, now -> emailDueFallbacks());
    context.schedule(retryScan, PunctuationType.WALL_CLOCK_TIME, now -> retryDueSends());
    KeyValueStore<String, SendClaim> claims = context.getStateStore(StoreNames.CLAIMS);
    KeyValueStore<String, Delivery> outcomes = context.getStateStore(StoreNames.OUTCOMES);
    context.schedule(LedgerRetention.SCAN_EVERY, PunctuationType.WALL_CLOCK_TIME,
        now -> retention.removeExpired(claims, outcomes, clock.instant()));
  }

  // Wall-clock time: a retry waits for a real server to recover, however quiet the partition is.
  private void retryDueSends() {
    List<SendRetry> due = state.dueRetries(clock.instant(), RETRIES_PER_SCAN);
    for (SendRetry send : due) {
      handler.retry(send, state).join();
    }
    state.flush();
    if (!due.isEmpty()) {
      // The schedule's changes (and the ledger position of the tries' claims) reach the changelog soon, which
      // narrows the window in which a restart would take a failed try for an interrupted one.
      context.commit();
    }
  }

  // Wall-clock time: a fallback is due after a real wait for the customer, however quiet the partition is.
  private void emailDueFallbacks() {
    Instant now = clock.instant();
    List<KeyValue<String, String>> due = new ArrayList<>();
    try (var found = timers.range(null, InboxKeys.timersAfter(now.toEpochMilli()))) {
      found.forEachRemaining(due::add);
    }
    for (KeyValue<String, String> timer : due) {
      InboxEntry entry = inbox.get(timer.value);
      if (entry != null) {
        fallbacks.email(entry.getMessage(), now, state);
      }
      timers.delete(timer.key);
    }
    state.flush();
  }

  @Override
  public void process(Record<String, UpsellTrigger> record) {
    if (record.value() == null) {
      return;
    }
    InjectedFault.check("trigger-consumer");
    if (retention.isStale(record.value(), clock.instant())) {
      return;
    }
    handler.handle(record.value(), state).join();
    state.flush();
  }
}
