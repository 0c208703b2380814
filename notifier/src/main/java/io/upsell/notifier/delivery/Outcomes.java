package io.upsell.notifier.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.upsell.notifier.kafka.Outbox;
import io.upsell.notifier.tracking.DeliveryRef;
import io.upsell.schemas.notify.Delivery;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.DeliveryStatus;
import io.upsell.schemas.notify.Engagement;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.notify.SendRetry;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.UpsellTrigger;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes what happened: one {@link Delivery} per (trigger, channel) on notify.deliveries (the notifier is its only
 * writer), engagement events, and DLQ copies. Delivery ids are derived from (trigger, channel), so a retry of the
 * same send names the same delivery.
 */
@ApplicationScoped
public class Outcomes {

  public static final String UNKNOWN_OUTCOME =
      "outcome unknown: the notifier stopped during this send; not retried so it is never sent twice";

  private final Outbox outbox;
  private final Clock clock;
  private final MeterRegistry metrics;

  public Outcomes(Outbox outbox, Clock clock, MeterRegistry metrics) {
    this.outbox = outbox;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** Publishes the outcome; when the returned future completes the ledger knows the trigger is done. */
  public CompletableFuture<Void> delivery(UpsellTrigger trigger, DeliveryChannel channel, DeliveryStatus status,
      String error, CustomerState ledger) {
    var delivery = new Delivery(trigger.getShopId(), trigger.getCustomerId(),
        DeliveryRef.idOf(trigger.getTriggerId(), channel), trigger.getTriggerId(), trigger.getType(), trigger.getVariant(),
        channel, status, error, clock.instant());
    return outbox.publish(Topics.NOTIFY_DELIVERIES, Keys.customer(trigger.getShopId(), trigger.getCustomerId()),
        delivery).thenAccept(m -> {
          ledger.done(delivery, m.offset());
          metrics.counter("notifier.deliveries", "channel", channel.name(), "status", status.name()).increment();
        });
  }

  /**
   * The receiver took it. For email the server accepted it (250 after DATA): SENT is the notifier's outcome,
   * DELIVERED the funnel stage "reached the customer's mail server".
   */
  public CompletableFuture<Void> sent(UpsellTrigger trigger, DeliveryChannel channel, CustomerState state) {
    CompletableFuture<Void> sent = delivery(trigger, channel, DeliveryStatus.SENT, null, state);
    if (channel != DeliveryChannel.EMAIL) {
      return sent;
    }
    return CompletableFuture.allOf(sent, engagement(ref(trigger, channel), EngagementType.DELIVERED, List.of()));
  }

  /**
   * The receiver refused it for good: FAILED and dead-lettered. For email that is a bounce (a refusal within the SMTP
   * dialogue), which stops further email to the address at once.
   */
  public CompletableFuture<Void> refused(UpsellTrigger trigger, DeliveryChannel channel, String error, int attempts,
      CustomerState state) {
    CompletableFuture<Void> parked = deadLetter(trigger, channel, error, attempts);
    if (channel != DeliveryChannel.EMAIL) {
      return CompletableFuture.allOf(parked, delivery(trigger, channel, DeliveryStatus.FAILED, error, state));
    }
    return CompletableFuture.allOf(parked,
        engagement(ref(trigger, channel), EngagementType.BOUNCED, List.of()).thenAccept(state::stopEmail),
        delivery(trigger, channel, DeliveryStatus.FAILED, "bounced: " + error, state));
  }

  /** Temporary failures outlasted the retry window, or the offer expired first: FAILED and dead-lettered. */
  public CompletableFuture<Void> givenUp(SendRetry send, CustomerState state) {
    UpsellTrigger trigger = send.getTrigger();
    boolean expired = trigger.getOffer().getExpiresAt() != null
        && !send.getGiveUpAt().isBefore(trigger.getOffer().getExpiresAt());
    String error = (expired ? "offer expired while retrying: " : "retry window over: ") + send.getLastError();
    return CompletableFuture.allOf(deadLetter(trigger, send.getChannel(), error, send.getFailures()),
        delivery(trigger, send.getChannel(), DeliveryStatus.FAILED, error, state));
  }

  private static DeliveryRef ref(UpsellTrigger trigger, DeliveryChannel channel) {
    return new DeliveryRef(trigger.getShopId(), trigger.getCustomerId(), DeliveryRef.idOf(trigger.getTriggerId(), channel),
        trigger.getTriggerId(), channel, null);
  }

  /** Publishes what a customer did (or what happened to their address) with a delivery. */
  public CompletableFuture<Engagement> engagement(DeliveryRef ref, EngagementType type, List<String> productIds) {
    var engagement = new Engagement(ref.shopId(), ref.customerId(), UUID.randomUUID().toString(), ref.deliveryId(),
        ref.triggerId(), productIds, type, ref.channel(), clock.instant());
    return outbox.publish(Topics.ENGAGEMENT_EVENTS, Keys.customer(ref.shopId(), ref.customerId()), engagement)
        .thenApply(m -> engagement);
  }

  /** Parks a trigger the notifier gave up on, with why in the record headers. */
  public CompletableFuture<Void> deadLetter(UpsellTrigger trigger, DeliveryChannel channel, String error,
      int attempts) {
    Map<String, String> headers = Map.of(
        "error", error,
        "error.channel", channel.name(),
        "error.attempts", Integer.toString(attempts),
        "error.at", clock.instant().toString());
    return outbox.publishRaw(Topics.NOTIFY_DLQ, Keys.customer(trigger.getShopId(), trigger.getCustomerId()),
        outbox.encode(Topics.NOTIFY_DLQ, trigger), headers).thenApply(m -> null);
  }
}
