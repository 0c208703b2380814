package io.upsell.notifier.delivery;

import io.upsell.notifier.inapp.Inbox;
import io.upsell.notifier.inapp.Snapshots;
import io.upsell.notifier.inapp.SseHub;
import io.upsell.schemas.notify.InAppMessage;
import io.upsell.schemas.notify.InAppStatus;
import io.upsell.schemas.topics.Keys;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Emails app prompts nobody saw: an unread message whose fallback time passed, for a customer who had no live
 * session since it was created, is emailed (once: the ledger sees to that) and marked so it is not emailed again.
 * The task owning the customer's partition does this when the prompt's timer is due, so two instances never race.
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

  /** Emails a prompt whose fallback came due, unless it was seen or acted on meanwhile, and marks it done. */
  public void email(InAppMessage message, Instant now, CustomerState state) {
    if (message.getStatus() != InAppStatus.UNREAD || message.getEmailFallbackDone()) {
      return;
    }
    String key = Keys.customer(message.getShopId(), message.getCustomerId());
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
      LOG.warnf(e, "email fallback of message %s failed", message.getMessageId());
    }
  }
}
