package io.upsell.notifier.template;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Pages a customer opens from an email. */
@CheckedTemplate(basePath = "pages")
public final class Pages {

  private Pages() {}

  /**
   * A page that asks to confirm a choice (unsubscribe, not relevant) with a POST to {@code action}, or, with no
   * action, tells it is done; the words are already in the customer's language.
   */
  public static native TemplateInstance choice(String locale, String shop, String title, String body, String action,
      String button);
}
