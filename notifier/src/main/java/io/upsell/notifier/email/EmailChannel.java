package io.upsell.notifier.email;

import io.upsell.notifier.delivery.MessageComposer;
import io.upsell.notifier.delivery.Outcomes;
import io.upsell.notifier.delivery.SendLedger;
import io.upsell.notifier.email.SmtpSender.Outcome;
import io.upsell.notifier.template.MessageModel;
import io.upsell.notifier.template.Renderer;
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
  private final SendLedger ledger;
  private final SmtpSender smtp;

  public EmailChannel(MessageComposer composer, Renderer renderer, SendLedger ledger, SmtpSender smtp) {
    this.composer = composer;
    this.renderer = renderer;
    this.ledger = ledger;
    this.smtp = smtp;
  }

  /** Sends to the profile's address (the caller checked consent); the claim is acknowledged before SMTP starts. */
  public Outcome send(UpsellTrigger trigger, CustomerProfile profile) {
    String deliveryId = Outcomes.deliveryId(trigger.getTriggerId(), DeliveryChannel.EMAIL);
    MessageModel model = composer.compose(trigger, Optional.of(profile), DeliveryChannel.EMAIL);
    var email = renderer.email(model);
    ledger.claim(trigger.getShopId(), trigger.getCustomerId(), trigger.getTriggerId(), deliveryId,
        DeliveryChannel.EMAIL);
    return smtp.send(profile.getEmail(), email, deliveryId, model.unsubscribeUrl());
  }
}
