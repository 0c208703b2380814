package io.upsell.notifier.delivery;

import io.upsell.notifier.inapp.Inbox;
import io.upsell.notifier.inapp.Snapshots;
import io.upsell.notifier.inapp.SseHub;
import io.upsell.schemas.notify.InAppMessage;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Emails app prompts nobody saw: an unread message whose fallback time passed, for a customer who had no live
 * session since it was created, is emailed (once: the ledger sees to that) and marked so it is not emailed again.
 * Only the task owning the customer's partition does this, with that partition's state, so two instances never race.
 */
@ApplicationScoped
public class EmailFallbacks {

  private static final Logger LOG = Logger.getLogger(EmailFallbacks.class);

  private final Inbox inbox;
  private final SseHub hub;
  private final TriggerHandler handler;

  public EmailFallbacks(Inbox inbox, SseHub hub, TriggerHandler handler) {
    this.inbox = inbox;
    this.hub = hub;
    this.handler = handler;
  }

  /** Emails the due fallbacks of the customers of one partition of upsell.triggers. */
  public void emailDue(int partition, Instant now, CustomerState state) {
    for (InAppMessage message : inbox.dueFallbacks(now)) {
      String key = Keys.customer(message.getShopId(), message.getCustomerId());
      if (Topics.UPSELL_TRIGGERS.partitionOf(key) != partition) {
        continue;
      }
      try {
        boolean seen = hub.lastSeen(key).map(at -> at.isAfter(message.getCreatedAt())).orElse(false);
        if (!seen && message.getTrigger() != null) {
          handler.emailFallback(message.getTrigger(), state);
        }
        InAppMessage next = Snapshots.copy(message);
        next.setEmailFallbackDone(true);
        next.setUpdatedAt(now);
        inbox.publish(next).join();
      } catch (RuntimeException e) {
        LOG.warnf(e, "email fallback of message %s failed; will retry", message.getMessageId());
      }
    }
  }
}
