package io.upsell.notifier.email;

import io.upsell.notifier.delivery.MessageComposer;
import io.upsell.notifier.delivery.Outcomes;
import io.upsell.notifier.delivery.CustomerState;
import io.upsell.notifier.email.SmtpSender.Outcome;
import io.upsell.notifier.template.MessageModel;
import io.upsell.notifier.template.Renderer;
import io.upsell.notifier.template.Renderer.RenderedEmail;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.upsell.UpsellTrigger;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Email for one trigger: compose in the customer's language, claim the send in the ledger, then hand it to SMTP. */
@ApplicationScoped
public class EmailChannel {

  private final MessageComposer composer;
  private final Renderer renderer;
  private final SmtpSender smtp;

  public EmailChannel(MessageComposer composer, Renderer renderer, SmtpSender smtp) {
    this.composer = composer;
    this.renderer = renderer;
    this.smtp = smtp;
  }

  /** Sends to the profile's address (the caller checked consent); the claim is acknowledged before SMTP starts. */
  public Outcome send(UpsellTrigger trigger, CustomerProfile profile, CustomerState ledger) {
    String deliveryId = Outcomes.deliveryId(trigger.getTriggerId(), DeliveryChannel.EMAIL);
    Prepared prepared = prepare(trigger, profile);
    ledger.claim(trigger.getShopId(), trigger.getCustomerId(), trigger.getTriggerId(), DeliveryChannel.EMAIL);
    return smtp.send(profile.getEmail(), prepared.email(), deliveryId, prepared.model().unsubscribeUrl());
  }

  /** The email as {@link #send} sends it: what it says and its rendering. */
  public Prepared prepare(UpsellTrigger trigger, CustomerProfile profile) {
    MessageModel model = composer.compose(trigger, Optional.of(profile), DeliveryChannel.EMAIL);
    return new Prepared(model, renderer.email(model));
  }

  /** A composed and rendered email. */
  public record Prepared(MessageModel model, RenderedEmail email) {}
}
