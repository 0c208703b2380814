package io.upsell.notifier.inapp;

import io.upsell.notifier.NotifierConfig;
import io.upsell.notifier.delivery.Attempt;
import io.upsell.notifier.delivery.Channel;
import io.upsell.notifier.template.MessageComposer;
import io.upsell.notifier.template.MessageModel;
import io.upsell.notifier.template.Renderer;
import io.upsell.notifier.tracking.DeliveryRef;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.InAppMessage;
import io.upsell.schemas.notify.InAppStatus;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.upsell.UpsellTrigger;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Puts a prompt in the customer's inbox (and so on their open streams). Publishing the same message again is
 * harmless (same message id, same content), so in-app needs no send claim. With {@code emailFallback} and no live
 * session, the message is marked to be emailed after the configured wait if it is still unseen.
 */
@ApplicationScoped
public class InAppChannel implements Channel {

  private final MessageComposer composer;
  private final Renderer renderer;
  private final Inbox inbox;
  private final SseHub hub;
  private final NotifierConfig config;
  private final Clock clock;

  public InAppChannel(MessageComposer composer, Renderer renderer, Inbox inbox, SseHub hub, NotifierConfig config,
      Clock clock) {
    this.composer = composer;
    this.renderer = renderer;
    this.inbox = inbox;
    this.hub = hub;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public DeliveryChannel id() {
    return DeliveryChannel.IN_APP;
  }

  /** Publishing a prompt again is harmless: same message id, same content. */
  @Override
  public boolean atMostOnce() {
    return false;
  }

  @Override
  public String throttleKey(UpsellTrigger trigger) {
    return DeliveryChannel.IN_APP.name();
  }

  /** Publishes the prompt to the inbox topic; the broker not taking it is a temporary failure. */
  @Override
  public Attempt send(Send send) {
    try {
      deliver(send.trigger(), send.profile(), send.emailLater()).join();
      return Attempt.sent();
    } catch (RuntimeException e) {
      return new Attempt(Attempt.Kind.TEMPORARY, e.getClass().getSimpleName());
    }
  }

  public CompletableFuture<Void> deliver(UpsellTrigger trigger, Optional<CustomerProfile> profile,
      boolean emailFallback) {
    return inbox.publish(message(trigger, profile, emailFallback));
  }

  /** The prompt as the inbox keeps it and the widget shows it. */
  public InAppMessage message(UpsellTrigger trigger, Optional<CustomerProfile> profile, boolean emailFallback) {
    String deliveryId = DeliveryRef.idOf(trigger.getTriggerId(), DeliveryChannel.IN_APP);
    MessageModel model = composer.compose(trigger, profile, DeliveryChannel.IN_APP);
    var text = renderer.inApp(model);
    Instant now = clock.instant();
    boolean away = !hub.live(Keys.customer(trigger.getShopId(), trigger.getCustomerId()));
    return InAppMessage.newBuilder()
        .setShopId(trigger.getShopId()).setCustomerId(trigger.getCustomerId()).setMessageId(deliveryId)
        .setTriggerId(trigger.getTriggerId()).setTriggerType(trigger.getType()).setVariant(trigger.getVariant())
        .setLocale(model.locale()).setTitle(text.title()).setBody(text.body()).setCtaLabel(text.cta())
        .setCtaUrl(model.target())
        .setImageUrl(model.offer().items().stream().map(i -> i.imageUrl()).filter(u -> u != null).findFirst()
            .orElse(null))
        .setProductIds(trigger.getOffer().getProductIds()).setStatus(InAppStatus.UNREAD)
        .setCreatedAt(now).setUpdatedAt(now)
        .setEmailFallbackAt(emailFallback && away ? now.plus(config.inapp().fallbackWait()) : null)
        .setTrigger(trigger)
        .build();
  }
}
