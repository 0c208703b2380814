package io.upsell.notifier.template;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;
import io.upsell.schemas.upsell.TriggerType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/** Renders messages to strings in the customer's language: email HTML and text, and the in-app lines. */
@ApplicationScoped
public class Renderer {

  /** An email ready to send. */
  public record RenderedEmail(String subject, String html, String text) {}

  /** What an in-app banner shows. */
  public record InAppText(String title, String body, String cta) {}

  public RenderedEmail email(TriggerType type, MessageModel m) {
    return new RenderedEmail(line(m.typeKey() + "Subject", m), variant(template(type, m), m.locale(), "text/html"),
        variant(template(type, m), m.locale(), "text/plain"));
  }

  public InAppText inApp(MessageModel m) {
    return new InAppText(line(m.typeKey() + "Subject", m), line(m.typeKey() + "Intro", m),
        line(m.typeKey() + "Cta", m));
  }

  /** The KPI report, in English (the owner's language is not on record). */
  public RenderedEmail report(ReportModel r, String subject) {
    return new RenderedEmail(subject, variant(Emails.kpiReport(r), "en", "text/html"),
        variant(Emails.kpiReport(r), "en", "text/plain"));
  }

  private static String line(String key, MessageModel m) {
    return Texts.line(key, m.shopName()).setLocale(Locale.forLanguageTag(m.locale())).render().strip();
  }

  private static String variant(TemplateInstance instance, String locale, String contentType) {
    return instance.setLocale(Locale.forLanguageTag(locale))
        .setAttribute(TemplateInstance.SELECTED_VARIANT, Variant.forContentType(contentType))
        .render();
  }

  private static TemplateInstance template(TriggerType type, MessageModel m) {
    return switch (type) {
      case CART_ABANDONED -> Emails.cartAbandoned(m);
      case CHECKOUT_ABANDONED -> Emails.checkoutAbandoned(m);
      case POST_PURCHASE_CROSS_SELL -> Emails.postPurchaseCrossSell(m);
      case FREQUENTLY_BOUGHT_TOGETHER -> Emails.frequentlyBoughtTogether(m);
      case REPLENISHMENT_DUE -> Emails.replenishmentDue(m);
      case STORAGE_NEAR_FULL -> Emails.storageNearFull(m);
      case PLAN_LIMIT_HIT -> Emails.planLimitHit(m);
      case SUBSCRIPTION_EXPIRING -> Emails.subscriptionExpiring(m);
      case COURSE_COMPLETED -> Emails.courseCompleted(m);
      case WIN_BACK -> Emails.winBack(m);
    };
  }
}
