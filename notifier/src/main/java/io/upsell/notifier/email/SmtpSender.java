package io.upsell.notifier.email;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.upsell.notifier.NotifierConfig;
import io.upsell.notifier.delivery.Attempt;
import io.upsell.notifier.delivery.Attempt.Kind;
import io.upsell.notifier.template.Renderer.RenderedEmail;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Hands an email to the SMTP server, one try per call, and reads the answer: 250 is SENT, a 5xx a permanent refusal
 * (a bounce), 421 and 454 the provider throttling us, any other 4xx, a refused connection or a timeout a temporary
 * failure that delivery retries. Every email carries a Message-ID derived from its delivery id and RFC 8058
 * one-click unsubscribe headers.
 */
@ApplicationScoped
public class SmtpSender {

  private static final Set<Integer> THROTTLING = Set.of(421, 454);

  private final Mailer mailer;
  private final NotifierConfig.Mail config;

  public SmtpSender(Mailer mailer, NotifierConfig config) {
    this.mailer = mailer;
    this.config = config.mail();
  }

  /** Tries once (no unsubscribe headers when {@code unsubscribeUrl} is null). */
  public Attempt send(String to, RenderedEmail email, String deliveryId, String unsubscribeUrl) {
    Mail mail = Mail.withHtml(to, email.subject(), email.html()).setText(email.text()).setFrom(from(email))
        .addHeader("Message-ID", "<" + deliveryId + "@" + config.messageIdDomain() + ">");
    if (email.replyTo() != null) {
      mail.setReplyTo(email.replyTo());
    }
    if (unsubscribeUrl != null) {
      mail.addHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">")
          .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
    try {
      mailer.send(mail);
      return Attempt.sent();
    } catch (RuntimeException e) {
      SMTPException smtp = smtpCause(e);
      if (smtp == null) {
        return new Attempt(Kind.TEMPORARY, withoutAddresses(describe(e)));
      }
      String error = withoutAddresses("SMTP " + smtp.getReplyCode() + " " + smtp.getReplyMessage());
      if (smtp.isPermanent()) {
        return new Attempt(Kind.PERMANENT, error);
      }
      return new Attempt(THROTTLING.contains(smtp.getReplyCode()) ? Kind.THROTTLED : Kind.TEMPORARY, error);
    }
  }
  /** The configured address, under the shop's sender name where it set one (checked: no quotes or brackets). */
  private String from(RenderedEmail email) {
    if (email.senderName() == null) {
      return config.from();
    }
    String from = config.from();
    int open = from.indexOf('<');
    String address = open >= 0 ? from.substring(open) : "<" + from.strip() + ">";
    return "\"" + email.senderName() + "\" " + address;
  }

  private static SMTPException smtpCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SMTPException smtp) {
        return smtp;
      }
    }
    return null;
  }

  /** Servers echo the recipient in errors; errors travel to Kafka and logs, addresses must not. */
  static String withoutAddresses(String error) {
    return error.replaceAll("[^\\s<>\"']+@[^\\s<>\"']+", "<address>");
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }
}
