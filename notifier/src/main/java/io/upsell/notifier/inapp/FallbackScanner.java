package io.upsell.notifier.inapp;

import io.quarkus.scheduler.Scheduled;
import io.upsell.notifier.delivery.TriggerConsumer;
import io.upsell.notifier.delivery.TriggerHandler;
import io.upsell.schemas.notify.InAppMessage;
import io.upsell.schemas.topics.Keys;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Emails app prompts nobody saw: an unread message whose fallback time passed, for a customer who had no live
 * session since it was created, is emailed (once: the ledger sees to that) and marked so it is not emailed again.
 * Only the instance that owns the customer's trigger partition does this, so two instances never race.
 */
@ApplicationScoped
public class FallbackScanner {

  private static final Logger LOG = Logger.getLogger(FallbackScanner.class);

  private final Inbox inbox;
  private final SseHub hub;
  private final TriggerHandler handler;
  private final TriggerConsumer consumer;
  private final Clock clock;

  public FallbackScanner(Inbox inbox, SseHub hub, TriggerHandler handler, TriggerConsumer consumer, Clock clock) {
    this.inbox = inbox;
    this.hub = hub;
    this.handler = handler;
    this.consumer = consumer;
    this.clock = clock;
  }

  @Scheduled(every = "${notifier.inapp.fallback-scan-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scan() {
    for (InAppMessage message : inbox.dueFallbacks(clock.instant())) {
      String key = Keys.customer(message.getShopId(), message.getCustomerId());
      if (!consumer.owns(key)) {
        continue;
      }
      try {
        boolean seen = hub.lastSeen(key).map(at -> at.isAfter(message.getCreatedAt())).orElse(false);
        if (!seen && message.getTrigger() != null) {
          handler.emailFallback(message.getTrigger());
        }
        InAppMessage next = Snapshots.copy(message);
        next.setEmailFallbackDone(true);
        next.setUpdatedAt(Instant.now(clock));
        inbox.publish(next).join();
      } catch (RuntimeException e) {
        LOG.warnf(e, "email fallback of message %s failed; will retry", message.getMessageId());
      }
    }
  }
}
