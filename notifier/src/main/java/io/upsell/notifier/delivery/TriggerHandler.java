package io.upsell.notifier.delivery;

import io.upsell.notifier.customer.Customers;
import io.upsell.notifier.customer.ShopRulesTable;
import io.upsell.notifier.delivery.ChannelChoice.Route;
import io.upsell.notifier.delivery.SendLedger.State;
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
 * outcome per channel (SENT, FAILED or SKIPPED with why). The send happens on the caller's thread; the returned
 * future completes when every outcome is in Kafka, and only then may the consumer commit the trigger's offset.
 */
@ApplicationScoped
public class TriggerHandler {

  static final String UNKNOWN_OUTCOME =
      "outcome unknown: the notifier stopped during this send; not retried so it is never sent twice";

  private final Customers customers;
  private final ShopDirectory shops;
  private final ShopRulesTable rules;
  private final SendLedger ledger;
  private final Outcomes outcomes;
  private final EmailChannel email;
  private final InAppChannel inApp;
  private final WebhookChannel webhook;

  public TriggerHandler(Customers customers, ShopDirectory shops, ShopRulesTable rules, SendLedger ledger,
      Outcomes outcomes, EmailChannel email, InAppChannel inApp, WebhookChannel webhook) {
    this.customers = customers;
    this.shops = shops;
    this.rules = rules;
    this.ledger = ledger;
    this.outcomes = outcomes;
    this.email = email;
    this.inApp = inApp;
    this.webhook = webhook;
  }

  public CompletableFuture<Void> handle(UpsellTrigger trigger) {
    Route route = ChannelChoice.route(trigger, rules.channel(trigger.getShopId(), trigger.getType()));
    CompletableFuture<Void> main = switch (route) {
      case EMAIL -> email(trigger);
      case IN_APP -> inApp(trigger, false);
      case IN_APP_THEN_EMAIL -> inApp(trigger, true);
      case NONE -> skipOnce(trigger, DeliveryChannel.EMAIL, "channel turned off by the shop's rules");
    };
    CompletableFuture<Void> hook = rules.webhookUrl(trigger.getShopId())
        .map(url -> webhook(trigger, url)).orElse(CompletableFuture.completedFuture(null));
    return CompletableFuture.allOf(main, hook);
  }

  /** Emails a trigger whose in-app prompt went unseen; the ledger keeps it to one email. */
  public void emailFallback(UpsellTrigger trigger) {
    email(trigger).join();
  }

  private CompletableFuture<Void> email(UpsellTrigger trigger) {
    State state = ledger.state(trigger.getTriggerId(), DeliveryChannel.EMAIL);
    if (state == State.DONE) {
      return CompletableFuture.completedFuture(null);
    }
    if (state == State.CLAIMED) {
      return CompletableFuture.allOf(outcomes.deadLetter(trigger, DeliveryChannel.EMAIL, UNKNOWN_OUTCOME, 0),
          outcomes.delivery(trigger, DeliveryChannel.EMAIL, DeliveryStatus.FAILED, UNKNOWN_OUTCOME));
    }
    String key = Keys.customer(trigger.getShopId(), trigger.getCustomerId());
    Optional<CustomerProfile> profile = customers.profileReadingAhead(key);
    Optional<String> refusal = ChannelChoice.emailRefusal(profile, customers.emailStop(key));
    if (refusal.isPresent()) {
      return outcomes.delivery(trigger, DeliveryChannel.EMAIL, DeliveryStatus.SKIPPED, refusal.get());
    }
    Outcome outcome = email.send(trigger, profile.get());
    return switch (outcome.result()) {
      case SENT -> sent(trigger);
      case BOUNCED -> bounced(trigger, key, outcome.error());
      case FAILED -> CompletableFuture.allOf(
          outcomes.deadLetter(trigger, DeliveryChannel.EMAIL, outcome.error(), outcome.attempts()),
          outcomes.delivery(trigger, DeliveryChannel.EMAIL, DeliveryStatus.FAILED, outcome.error()));
    };
  }

  /**
   * The receiving server accepted the email (250 after DATA): SENT is the notifier's outcome, DELIVERED the funnel
   * stage "reached the customer's mail server". A refusal within the SMTP dialogue is a bounce, never a SENT.
   */
  private CompletableFuture<Void> sent(UpsellTrigger trigger) {
    return CompletableFuture.allOf(outcomes.engagement(emailRef(trigger), EngagementType.DELIVERED, List.of()),
        outcomes.delivery(trigger, DeliveryChannel.EMAIL, DeliveryStatus.SENT, null));
  }

  private CompletableFuture<Void> bounced(UpsellTrigger trigger, String key, String error) {
    customers.stopEmail(key, EngagementType.BOUNCED);
    return CompletableFuture.allOf(outcomes.engagement(emailRef(trigger), EngagementType.BOUNCED, List.of()),
        outcomes.delivery(trigger, DeliveryChannel.EMAIL, DeliveryStatus.FAILED, "bounced: " + error));
  }

  private static DeliveryRef emailRef(UpsellTrigger trigger) {
    return new DeliveryRef(trigger.getShopId(), trigger.getCustomerId(),
        Outcomes.deliveryId(trigger.getTriggerId(), DeliveryChannel.EMAIL), trigger.getTriggerId(),
        DeliveryChannel.EMAIL, null);
  }

  private CompletableFuture<Void> inApp(UpsellTrigger trigger, boolean emailFallback) {
    if (ledger.state(trigger.getTriggerId(), DeliveryChannel.IN_APP) == State.DONE) {
      return CompletableFuture.completedFuture(null);
    }
    Optional<CustomerProfile> profile = customers.profile(Keys.customer(trigger.getShopId(), trigger.getCustomerId()));
    return inApp.deliver(trigger, profile, emailFallback)
        .thenCompose(v -> outcomes.delivery(trigger, DeliveryChannel.IN_APP, DeliveryStatus.SENT, null));
  }

  private CompletableFuture<Void> webhook(UpsellTrigger trigger, String url) {
    if (ledger.state(trigger.getTriggerId(), DeliveryChannel.WEBHOOK) == State.DONE) {
      return CompletableFuture.completedFuture(null);
    }
    Optional<String> secret = shops.find(trigger.getShopId()).flatMap(Shop::webhookSecret);
    if (secret.isEmpty()) {
      return skipOnce(trigger, DeliveryChannel.WEBHOOK, "the shop has no webhook secret to sign with");
    }
    var profile = customers.profile(Keys.customer(trigger.getShopId(), trigger.getCustomerId()));
    var result = webhook.send(trigger, profile, url, secret.get());
    if (result.error() == null) {
      return outcomes.delivery(trigger, DeliveryChannel.WEBHOOK, DeliveryStatus.SENT, null);
    }
    return CompletableFuture.allOf(
        outcomes.deadLetter(trigger, DeliveryChannel.WEBHOOK, result.error(), result.attempts()),
        outcomes.delivery(trigger, DeliveryChannel.WEBHOOK, DeliveryStatus.FAILED, result.error()));
  }

  private CompletableFuture<Void> skipOnce(UpsellTrigger trigger, DeliveryChannel channel, String why) {
    if (ledger.state(trigger.getTriggerId(), channel) == State.DONE) {
      return CompletableFuture.completedFuture(null);
    }
    return outcomes.delivery(trigger, channel, DeliveryStatus.SKIPPED, why);
  }
}
