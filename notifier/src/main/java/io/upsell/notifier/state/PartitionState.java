package io.upsell.notifier.state;

import io.upsell.notifier.delivery.CustomerState;
import io.upsell.notifier.delivery.Outcomes;
import io.upsell.notifier.kafka.Outbox;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.notify.Delivery;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.Engagement;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.notify.SendClaim;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
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
    return pendingClaims.containsKey(key) || claims.get(key) != null ? Sending.CLAIMED : Sending.NEW;
  }

  @Override
  public void claim(String shopId, String customerId, String triggerId, DeliveryChannel channel) {
    var claim = new SendClaim(shopId, customerId, triggerId, Outcomes.deliveryId(triggerId, channel), channel,
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
