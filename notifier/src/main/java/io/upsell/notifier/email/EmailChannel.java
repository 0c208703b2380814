package io.upsell.notifier.email;

import io.upsell.notifier.delivery.Attempt.Kind;
import io.upsell.notifier.delivery.Attempt;
import io.upsell.notifier.delivery.Channel;
import io.upsell.notifier.template.MessageComposer;
import io.upsell.notifier.template.MessageModel;
import io.upsell.notifier.template.Renderer.RenderedEmail;
import io.upsell.notifier.template.Renderer;
import io.upsell.notifier.tracking.DeliveryRef;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.upsell.UpsellTrigger;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Email for one trigger: composed in the customer's language and handed to SMTP. Marketing mail is sent at most
 * once, so every try is claimed in the ledger before it starts (by delivery, which calls this).
 */
@ApplicationScoped
public class EmailChannel implements Channel {

  private final MessageComposer composer;
  private final Renderer renderer;
  private final SmtpSender smtp;

  public EmailChannel(MessageComposer composer, Renderer renderer, SmtpSender smtp) {
    this.composer = composer;
    this.renderer = renderer;
    this.smtp = smtp;
  }

  @Override
  public DeliveryChannel id() {
    return DeliveryChannel.EMAIL;
  }

  @Override
  public boolean atMostOnce() {
    return true;
  }

  /** One SMTP relay serves every shop: its throttling slows all email down. */
  @Override
  public String throttleKey(UpsellTrigger trigger) {
    return DeliveryChannel.EMAIL.name();
  }

  /** Sends to the profile's address (delivery checked there is one and no hard stop). */
  @Override
  public Attempt send(Send send) {
    CustomerProfile profile = send.profile().orElse(null);
    if (profile == null || profile.getEmail() == null || profile.getEmail().isBlank()) {
      return new Attempt(Kind.PERMANENT, "no email address");
    }
    Prepared prepared = prepare(send.trigger(), profile);
    return smtp.send(profile.getEmail(), prepared.email(),
        DeliveryRef.idOf(send.trigger().getTriggerId(), DeliveryChannel.EMAIL), prepared.model().unsubscribeUrl());
  }

  /** The email as {@link #send} sends it: what it says and its rendering. */
  public Prepared prepare(UpsellTrigger trigger, CustomerProfile profile) {
    MessageModel model = composer.compose(trigger, Optional.of(profile), DeliveryChannel.EMAIL);
    return new Prepared(model, renderer.email(model));
  }

  /** A composed and rendered email. */
  public record Prepared(MessageModel model, RenderedEmail email) {}
}
