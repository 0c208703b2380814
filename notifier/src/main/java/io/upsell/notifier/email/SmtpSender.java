package io.upsell.notifier.email;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.upsell.notifier.NotifierConfig;
import io.upsell.notifier.delivery.Backoff;
import io.upsell.notifier.template.Renderer.RenderedEmail;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Hands an email to the SMTP server. A permanent refusal (5xx) is a bounce and is not retried; anything else
 * (4xx, connection trouble) is retried with backoff until the configured number of tries is used up.
 * Every email carries a Message-ID derived from its delivery id and RFC 8058 one-click unsubscribe headers.
 */
@ApplicationScoped
public class SmtpSender {

  private static final Logger LOG = Logger.getLogger(SmtpSender.class);

  /** How a send ended. */
  public enum Result { SENT, BOUNCED, FAILED }

  /** The result, the last error (no addresses in it) and how many tries it took. */
  public record Outcome(Result result, String error, int attempts) {}

  private final Mailer mailer;
  private final NotifierConfig.Mail config;
  private final Backoff backoff;

  public SmtpSender(Mailer mailer, NotifierConfig config) {
    this.mailer = mailer;
    this.config = config.mail();
    this.backoff = new Backoff(this.config.initialBackoff(), this.config.maxBackoff());
  }

  /** Sends and retries on this thread (no unsubscribe headers when {@code unsubscribeUrl} is null); returns once the email is accepted, bounced or given up on. */
  public Outcome send(String to, RenderedEmail email, String deliveryId, String unsubscribeUrl) {
    Mail mail = Mail.withHtml(to, email.subject(), email.html()).setText(email.text()).setFrom(from(email))
        .addHeader("Message-ID", "<" + deliveryId + "@" + config.messageIdDomain() + ">");
    if (email.replyTo() != null) {
      mail.setReplyTo(email.replyTo());
    }
    if (unsubscribeUrl != null) {
      mail.addHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">")
          .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
    String error = null;
    for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
      try {
        mailer.send(mail);
        return new Outcome(Result.SENT, null, attempt);
      } catch (RuntimeException e) {
        SMTPException smtp = smtpCause(e);
        error = withoutAddresses(smtp != null ? "SMTP " + smtp.getReplyCode() + " " + smtp.getReplyMessage()
            : describe(e));
        if (smtp != null && smtp.isPermanent()) {
          return new Outcome(Result.BOUNCED, error, attempt);
        }
        LOG.debugf("delivery %s: try %d failed: %s", deliveryId, attempt, error);
        if (attempt < config.maxAttempts() && !backoff.pause(attempt)) {
          break;
        }
      }
    }
    return new Outcome(Result.FAILED, error, config.maxAttempts());
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
