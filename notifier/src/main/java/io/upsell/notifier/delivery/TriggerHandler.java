package io.upsell.notifier.delivery;

import io.upsell.notifier.email.EmailChannel;
import io.upsell.notifier.inapp.InAppChannel;
import io.upsell.notifier.webhook.WebhookChannel;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.SendRetry;
import io.upsell.schemas.upsell.UpsellTrigger;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Handles one trigger to the end: takes the channel the engine decided ({@link Route}), hands each send to
 * {@link SendTries}, and publishes one outcome per channel (SENT, FAILED, SKIPPED with why, UNKNOWN for a send cut
 * off by a crash), or leaves it in the retry schedule. The sends happen on the caller's thread; the returned future completes when every outcome is in Kafka,
 * and only then may the trigger's offset be committed.
 */
@ApplicationScoped
public class TriggerHandler {

  private final SendTries tries;
  private final EmailChannel email;
  private final WebhookChannel webhook;
  private final Map<DeliveryChannel, Channel> channels;

  public TriggerHandler(SendTries tries, EmailChannel email, InAppChannel inApp, WebhookChannel webhook) {
    this.tries = tries;
    this.email = email;
    this.webhook = webhook;
    this.channels = Map.of(DeliveryChannel.EMAIL, email, DeliveryChannel.IN_APP, inApp,
        DeliveryChannel.WEBHOOK, webhook);
  }

  /** Handles the trigger with the state of its customer's partition. */
  public CompletableFuture<Void> handle(UpsellTrigger trigger, CustomerState state) {
    Route route = Route.of(trigger);
    CompletableFuture<Void> main = route == Route.EMAIL ? tries.start(trigger, email, false, state)
        : tries.start(trigger, channels.get(DeliveryChannel.IN_APP), route == Route.IN_APP_THEN_EMAIL, state);
    CompletableFuture<Void> hook = webhook.wanted(trigger.getShopId())
        ? tries.start(trigger, webhook, false, state) : CompletableFuture.completedFuture(null);
    return CompletableFuture.allOf(main, hook);
  }

  /** Tries a scheduled send again. */
  public CompletableFuture<Void> retry(SendRetry send, CustomerState state) {
    return tries.resume(send, channels.get(send.getChannel()),
        Route.of(send.getTrigger()) == Route.IN_APP_THEN_EMAIL, state);
  }

  /** Emails a trigger whose in-app prompt went unseen; the ledger keeps it to one email. */
  public void emailFallback(UpsellTrigger trigger, CustomerState state) {
    tries.start(trigger, email, false, state).join();
  }
}
