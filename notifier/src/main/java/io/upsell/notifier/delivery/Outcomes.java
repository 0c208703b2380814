package io.upsell.notifier.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.upsell.notifier.kafka.Outbox;
import io.upsell.notifier.tracking.DeliveryRef;
import io.upsell.schemas.notify.Delivery;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.DeliveryStatus;
import io.upsell.schemas.notify.Engagement;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.UpsellTrigger;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
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

  private final Outbox outbox;
  private final Clock clock;
  private final MeterRegistry metrics;

  public Outcomes(Outbox outbox, Clock clock, MeterRegistry metrics) {
    this.outbox = outbox;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** The delivery id of a trigger on a channel: stable across retries and restarts. */
  public static String deliveryId(String triggerId, DeliveryChannel channel) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest((triggerId + "/" + channel).getBytes(StandardCharsets.UTF_8));
      return "d-" + HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Publishes the outcome; when the returned future completes the ledger knows the trigger is done. */
  public CompletableFuture<Void> delivery(UpsellTrigger trigger, DeliveryChannel channel, DeliveryStatus status,
      String error, CustomerState ledger) {
    var delivery = new Delivery(trigger.getShopId(), trigger.getCustomerId(),
        deliveryId(trigger.getTriggerId(), channel), trigger.getTriggerId(), trigger.getType(), trigger.getVariant(),
        channel, status, error, clock.instant());
    return outbox.publish(Topics.NOTIFY_DELIVERIES, Keys.customer(trigger.getShopId(), trigger.getCustomerId()),
        delivery).thenAccept(m -> {
          ledger.done(delivery, m.offset());
          metrics.counter("notifier.deliveries", "channel", channel.name(), "status", status.name()).increment();
        });
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
