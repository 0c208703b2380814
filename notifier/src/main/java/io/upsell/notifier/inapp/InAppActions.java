package io.upsell.notifier.inapp;

import io.upsell.notifier.delivery.Outcomes;
import io.upsell.notifier.tracking.DeliveryRef;
import io.upsell.platform.http.ApiException;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.notify.InAppMessage;
import io.upsell.schemas.notify.InAppStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What a customer can do with an in-app message: read, dismiss, click, or say it is not relevant. Each publishes its
 * engagement event (not-relevant is DOWNVOTED with the offered products, which the engine stops offering) and a new
 * snapshot of the message; the call returns once both are in Kafka.
 */
@ApplicationScoped
public class InAppActions {

  private record Action(InAppStatus status, EngagementType engagement) {}

  private final Inbox inbox;
  private final Outcomes outcomes;
  private final Clock clock;

  public InAppActions(Inbox inbox, Outcomes outcomes, Clock clock) {
    this.inbox = inbox;
    this.outcomes = outcomes;
    this.clock = clock;
  }

  /** Applies the action in the inbox of {@code customerKey}, whose {@code partition} is active here. */
  public InAppMessage apply(String customerKey, int partition, String messageId, String actionName) {
    Action action = switch (actionName) {
      case "read" -> new Action(InAppStatus.READ, EngagementType.OPENED);
      case "dismiss" -> new Action(InAppStatus.DISMISSED, EngagementType.DISMISSED);
      case "click" -> new Action(InAppStatus.CLICKED, EngagementType.CLICKED);
      case "not-relevant" -> new Action(InAppStatus.DOWNVOTED, EngagementType.DOWNVOTED);
      default -> throw ApiException.badRequest("action", "must be read, dismiss, click or not-relevant");
    };
    InAppMessage message = inbox.find(customerKey, messageId, partition)
        .orElseThrow(() -> new jakarta.ws.rs.NotFoundException("no message " + messageId + " in this inbox"));
    InAppMessage next = Snapshots.copy(message);
    next.setStatus(action.status());
    next.setUpdatedAt(clock.instant());
    var ref = new DeliveryRef(message.getShopId(), message.getCustomerId(), message.getMessageId(),
        message.getTriggerId(), DeliveryChannel.IN_APP, message.getLocale());
    List<String> products = action.engagement() == EngagementType.DOWNVOTED ? message.getProductIds() : List.of();
    try {
      var engagement = outcomes.engagement(ref, action.engagement(), products);
      inbox.publishAndAwait(next, partition);
      engagement.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw ApiException.unavailable("could not record the action, try again", 2);
    }
    return next;
  }
}
