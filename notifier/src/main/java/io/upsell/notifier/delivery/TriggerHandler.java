package io.upsell.notifier.delivery;

import io.upsell.notifier.customer.ShopRulesTable;
import io.upsell.notifier.delivery.ChannelChoice.Route;
import io.upsell.notifier.delivery.CustomerState.Sending;
import io.upsell.notifier.email.EmailChannel;
import io.upsell.notifier.email.SmtpSender.Outcome;
import io.upsell.notifier.inapp.InAppChannel;
import io.upsell.notifier.tracking.DeliveryRef;
import io.upsell.notifier.webhook.WebhookChannel;
import io.upsell.platform.shops.Shop;
import io.upsell.platform.shops.ShopDirectory;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.DeliveryStatus;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.upsell.UpsellTrigger;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Handles one trigger to the end: picks the channel, asks the ledger before any send, sends, and publishes one
 * outcome per channel (SENT, FAILED, SKIPPED with why, or UNKNOWN for a send cut off by a crash). The send happens on the caller's thread; the returned
 * future completes when every outcome is in Kafka, and only then may the consumer commit the trigger's offset.
 */
@ApplicationScoped
public class TriggerHandler {

  public static final String UNKNOWN_OUTCOME =
      "outcome unknown: the notifier stopped during this send; not retried so it is never sent twice";

  private final ShopDirectory shops;
  private final ShopRulesTable rules;
  private final Outcomes outcomes;
  private final EmailChannel email;
  private final InAppChannel inApp;
  private final WebhookChannel webhook;

  public TriggerHandler(ShopDirectory shops, ShopRulesTable rules, Outcomes outcomes, EmailChannel email,
      InAppChannel inApp, WebhookChannel webhook) {
    this.shops = shops;
    this.rules = rules;
    this.outcomes = outcomes;
    this.email = email;
    this.inApp = inApp;
    this.webhook = webhook;
  }

  /** Handles the trigger with the state of its customer's partition. */
  public CompletableFuture<Void> handle(UpsellTrigger trigger, CustomerState state) {
    Route route = ChannelChoice.route(trigger, rules.channel(trigger.getShopId(), trigger.getType()));
    CompletableFuture<Void> main = switch (route) {
      case EMAIL -> email(trigger, state);
      case IN_APP -> inApp(trigger, false, state);
      case IN_APP_THEN_EMAIL -> inApp(trigger, true, state);
      case NONE -> skipOnce(trigger, DeliveryChannel.EMAIL, "channel turned off by the shop's rules", state);
    };
    CompletableFuture<Void> hook = rules.webhookUrl(trigger.getShopId())
        .map(url -> webhook(trigger, url, state)).orElse(CompletableFuture.completedFuture(null));
    return CompletableFuture.allOf(main, hook);
  }

  /** Emails a trigger whose in-app prompt went unseen; the ledger keeps it to one email. */
  public void emailFallback(UpsellTrigger trigger, CustomerState state) {
    email(trigger, state).join();
  }

  private CompletableFuture<Void> email(UpsellTrigger trigger, CustomerState state) {
    Sending sending = state.sending(trigger.getTriggerId(), DeliveryChannel.EMAIL);
    if (sending == Sending.DONE) {
      return CompletableFuture.completedFuture(null);
    }
    if (sending == Sending.CLAIMED) {
      // Claimed, no outcome: the server may or may not have the email. Marketing mail is never risked twice.
      return outcomes.delivery(trigger, DeliveryChannel.EMAIL, DeliveryStatus.UNKNOWN, UNKNOWN_OUTCOME, state);
    }
    String key = Keys.customer(trigger.getShopId(), trigger.getCustomerId());
    Optional<CustomerProfile> profile = state.profile(key);
    Optional<String> refusal = ChannelChoice.emailRefusal(profile, state.emailStop(key));
    if (refusal.isPresent()) {
      return outcomes.delivery(trigger, DeliveryChannel.EMAIL, DeliveryStatus.SKIPPED, refusal.get(), state);
    }
    Outcome outcome = email.send(trigger, profile.get(), state);
    return switch (outcome.result()) {
      case SENT -> sent(trigger, state);
      case BOUNCED -> bounced(trigger, outcome.error(), state);
      case FAILED -> CompletableFuture.allOf(
          outcomes.deadLetter(trigger, DeliveryChannel.EMAIL, outcome.error(), outcome.attempts()),
          outcomes.delivery(trigger, DeliveryChannel.EMAIL, DeliveryStatus.FAILED, outcome.error(), state));
    };
  }

  /**
   * The receiving server accepted the email (250 after DATA): SENT is the notifier's outcome, DELIVERED the funnel
   * stage "reached the customer's mail server". A refusal within the SMTP dialogue is a bounce, never a SENT.
   */
  private CompletableFuture<Void> sent(UpsellTrigger trigger, CustomerState state) {
    return CompletableFuture.allOf(outcomes.engagement(emailRef(trigger), EngagementType.DELIVERED, List.of()),
        outcomes.delivery(trigger, DeliveryChannel.EMAIL, DeliveryStatus.SENT, null, state));
  }

  private CompletableFuture<Void> bounced(UpsellTrigger trigger, String error, CustomerState state) {
    return CompletableFuture.allOf(
        outcomes.engagement(emailRef(trigger), EngagementType.BOUNCED, List.of()).thenAccept(state::stopEmail),
        outcomes.delivery(trigger, DeliveryChannel.EMAIL, DeliveryStatus.FAILED, "bounced: " + error, state));
  }

  private static DeliveryRef emailRef(UpsellTrigger trigger) {
    return new DeliveryRef(trigger.getShopId(), trigger.getCustomerId(),
        Outcomes.deliveryId(trigger.getTriggerId(), DeliveryChannel.EMAIL), trigger.getTriggerId(),
        DeliveryChannel.EMAIL, null);
  }

  private CompletableFuture<Void> inApp(UpsellTrigger trigger, boolean emailFallback, CustomerState state) {
    if (state.sending(trigger.getTriggerId(), DeliveryChannel.IN_APP) == Sending.DONE) {
      return CompletableFuture.completedFuture(null);
    }
    Optional<CustomerProfile> profile = state.profile(Keys.customer(trigger.getShopId(), trigger.getCustomerId()));
    return inApp.deliver(trigger, profile, emailFallback)
        .thenCompose(v -> outcomes.delivery(trigger, DeliveryChannel.IN_APP, DeliveryStatus.SENT, null, state));
  }

  private CompletableFuture<Void> webhook(UpsellTrigger trigger, String url, CustomerState state) {
    if (state.sending(trigger.getTriggerId(), DeliveryChannel.WEBHOOK) == Sending.DONE) {
      return CompletableFuture.completedFuture(null);
    }
    Optional<String> secret = shops.find(trigger.getShopId()).flatMap(Shop::webhookSecret);
    if (secret.isEmpty()) {
      return skipOnce(trigger, DeliveryChannel.WEBHOOK, "the shop has no webhook secret to sign with", state);
    }
    var profile = state.profile(Keys.customer(trigger.getShopId(), trigger.getCustomerId()));
    var result = webhook.send(trigger, profile, url, secret.get());
    if (result.error() == null) {
      return outcomes.delivery(trigger, DeliveryChannel.WEBHOOK, DeliveryStatus.SENT, null, state);
    }
    return CompletableFuture.allOf(
        outcomes.deadLetter(trigger, DeliveryChannel.WEBHOOK, result.error(), result.attempts()),
        outcomes.delivery(trigger, DeliveryChannel.WEBHOOK, DeliveryStatus.FAILED, result.error(), state));
  }

  private CompletableFuture<Void> skipOnce(UpsellTrigger trigger, DeliveryChannel channel, String why,
      CustomerState state) {
    if (state.sending(trigger.getTriggerId(), channel) == Sending.DONE) {
      return CompletableFuture.completedFuture(null);
    }
    return outcomes.delivery(trigger, channel, DeliveryStatus.SKIPPED, why, state);
  }
}
