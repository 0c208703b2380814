package io.upsell.notifier.template;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/**
 * Renders messages to strings in the customer's language: email HTML and text, the in-app title, body and button,
 * and the offer as plain lines (in-app body, webhook, text email). Every channel shows the same offer.
 */
@ApplicationScoped
public class Renderer {

  /** An email ready to send, with the shop's sender name and reply-to where it set them. */
  public record RenderedEmail(String subject, String html, String text, String senderName, String replyTo) {

    public RenderedEmail(String subject, String html, String text) {
      this(subject, html, text, null, null);
    }
  }

  /** What an in-app banner shows: the body is the copy followed by the offer's lines. */
  public record InAppText(String title, String body, String cta) {}

  public RenderedEmail email(MessageModel m) {
    String lines = offerLines(m);
    return new RenderedEmail(m.copy().subject(), variant(Emails.message(m, lines), m.locale(), "text/html"),
        variant(Emails.message(m, lines), m.locale(), "text/plain"), m.brand().senderName(), m.brand().replyTo());
  }

  public InAppText inApp(MessageModel m) {
    String lines = offerLines(m);
    String body = String.join("\n", m.copy().body()) + (lines.isEmpty() ? "" : "\n" + lines);
    return new InAppText(m.copy().title(), body, m.copy().button());
  }

  /** The offer as plain lines in the customer's language; empty when the offer has nothing to show. */
  public String offerLines(MessageModel m) {
    return Texts.offer(m.offer()).setLocale(Locale.forLanguageTag(m.locale())).render().strip();
  }

  /** The KPI report, in English (the owner's language is not on record). */
  public RenderedEmail report(ReportModel r, String subject) {
    return new RenderedEmail(subject, variant(Emails.kpiReport(r), "en", "text/html"),
        variant(Emails.kpiReport(r), "en", "text/plain"));
  }

  private static String variant(TemplateInstance instance, String locale, String contentType) {
    return instance.setLocale(Locale.forLanguageTag(locale))
        .setAttribute(TemplateInstance.SELECTED_VARIANT, Variant.forContentType(contentType))
        .render();
  }
}
