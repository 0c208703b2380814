package io.upsell.notifier.state;

import io.upsell.notifier.delivery.CustomerState;
import io.upsell.notifier.kafka.Outbox;
import io.upsell.notifier.tracking.DeliveryRef;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.notify.Delivery;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.Engagement;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.notify.SendClaim;
import io.upsell.schemas.notify.SendRetry;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One task's customers: reads come from its stores, writes are kept aside and applied by {@link #flush()} on the
 * stream thread, because outcomes are acknowledged on the producer's callback threads and a store belongs to its
 * stream thread alone. The claim itself goes to notify.ledger first and is waited for: the store's changelog is
 * written only at the next commit, and a crash before it must still find the claim ({@link LedgerCatchUp}).
 */
final class PartitionState implements CustomerState {

  private final KeyValueStore<String, CustomerProfile> profiles;
  private final KeyValueStore<String, Engagement> stops;
  private final KeyValueStore<String, SendClaim> claims;
  private final KeyValueStore<String, Delivery> outcomes;
  private final KeyValueStore<String, Long> positions;
  private final KeyValueStore<String, SendRetry> retries;
  private final KeyValueStore<String, String> retryTimers;
  private final Outbox outbox;
  private final Clock clock;
  private final Map<String, Engagement> pendingStops = new ConcurrentHashMap<>();
  private final Map<String, SendClaim> pendingClaims = new ConcurrentHashMap<>();
  private final Map<String, Delivery> pendingDone = new ConcurrentHashMap<>();
  private final Map<String, Long> pendingPositions = new ConcurrentHashMap<>();

  PartitionState(ProcessorContext<?, ?> context, Outbox outbox, Clock clock) {
    this.profiles = context.getStateStore(StoreNames.PROFILES);
    this.stops = context.getStateStore(StoreNames.HARD_STOPS);
    this.claims = context.getStateStore(StoreNames.CLAIMS);
    this.outcomes = context.getStateStore(StoreNames.OUTCOMES);
    this.positions = context.getStateStore(StoreNames.LEDGER_POSITIONS);
    this.retries = context.getStateStore(StoreNames.RETRIES);
    this.retryTimers = context.getStateStore(StoreNames.RETRY_TIMERS);
    this.outbox = outbox;
    this.clock = clock;
  }

  @Override
  public Optional<CustomerProfile> profile(String customerKey) {
    return Optional.ofNullable(profiles.get(customerKey));
  }

  @Override
  public Optional<EngagementType> emailStop(String customerKey) {
    return Optional.ofNullable(pendingStops.get(customerKey)).or(() -> Optional.ofNullable(stops.get(customerKey)))
        .map(Engagement::getType);
  }

  @Override
  public void stopEmail(Engagement stop) {
    pendingStops.putIfAbsent(Keys.customer(stop.getShopId(), stop.getCustomerId()), stop);
  }

  @Override
  public Sending sending(String triggerId, DeliveryChannel channel) {
    String key = StoreNames.ledgerKey(triggerId, channel);
    if (pendingDone.containsKey(key) || outcomes.get(key) != null) {
      return Sending.DONE;
    }
    if (retries.get(key) != null) {
      return Sending.RETRYING;
    }
    return pendingClaims.containsKey(key) || claims.get(key) != null ? Sending.CLAIMED : Sending.NEW;
  }

  // The schedule is written on the stream thread, during the try that decided it.
  @Override
  public void schedule(SendRetry retry) {
    String key = StoreNames.ledgerKey(retry.getTrigger().getTriggerId(), retry.getChannel());
    unschedule(key);
    retries.put(key, retry);
    retryTimers.put(InboxKeys.timer(retry.getDueAt().toEpochMilli(), key), key);
  }

  @Override
  public void unschedule(String triggerId, DeliveryChannel channel) {
    unschedule(StoreNames.ledgerKey(triggerId, channel));
  }

  private void unschedule(String key) {
    SendRetry old = retries.get(key);
    if (old != null) {
      retryTimers.delete(InboxKeys.timer(old.getDueAt().toEpochMilli(), key));
      retries.delete(key);
    }
  }

  /** The scheduled sends due at {@code now}, earliest first, at most {@code max}. */
  List<SendRetry> dueRetries(Instant now, int max) {
    List<SendRetry> due = new ArrayList<>();
    try (var found = retryTimers.range(null, InboxKeys.timersAfter(now.toEpochMilli()))) {
      while (found.hasNext() && due.size() < max) {
        SendRetry retry = retries.get(found.next().value);
        if (retry != null) {
          due.add(retry);
        }
      }
    }
    return due;
  }

  /**
   * Sends whose claim the catch-up found written after the stores' last commit while they were scheduled: a try
   * had started when the last owner stopped. Their outcome is unknown, reported at once, never tried again.
   */
  void interrupted(Set<String> claimedKeys, Instant now) {
    for (String key : claimedKeys) {
      SendRetry retry = retries.get(key);
      if (retry != null && outcomes.get(key) == null) {
        schedule(new SendRetry(retry.getTrigger(), retry.getChannel(), retry.getFailures(), retry.getFirstTriedAt(),
            now, retry.getGiveUpAt(), retry.getLastError(), true));
      }
    }
  }

  @Override
  public void claim(String shopId, String customerId, String triggerId, DeliveryChannel channel) {
    var claim = new SendClaim(shopId, customerId, triggerId, DeliveryRef.idOf(triggerId, channel), channel,
        clock.instant());
    try {
      long offset = outbox.publish(Topics.NOTIFY_LEDGER, Keys.customer(shopId, customerId), claim)
          .get(30, TimeUnit.SECONDS).offset();
      pendingPositions.merge(Topics.NOTIFY_LEDGER.name(), offset, Math::max);
    } catch (Exception e) {
      throw new IllegalStateException("cannot write the send claim; not sending", e);
    }
    pendingClaims.put(StoreNames.ledgerKey(triggerId, channel), claim);
  }

  @Override
  public void done(Delivery outcome, long offset) {
    pendingDone.put(StoreNames.ledgerKey(outcome.getTriggerId(), outcome.getChannel()), outcome);
    pendingPositions.merge(Topics.NOTIFY_DELIVERIES.name(), offset, Math::max);
  }

  /** Applies what the last handling wrote; call on the stream thread once its outcomes are acknowledged. */
  void flush() {
    pendingStops.forEach((key, why) -> {
      if (stops.get(key) == null) {
        stops.put(key, why);
      }
    });
    pendingClaims.forEach(claims::put);
    pendingDone.forEach(outcomes::put);
    pendingPositions.forEach((topic, offset) -> {
      Long known = positions.get(topic);
      if (known == null || known < offset) {
        positions.put(topic, offset);
      }
    });
    pendingStops.clear();
    pendingClaims.clear();
    pendingDone.clear();
    pendingPositions.clear();
  }
}
