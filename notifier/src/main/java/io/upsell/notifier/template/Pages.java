package io.upsell.notifier.template;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Pages a customer opens from an email. */
@CheckedTemplate(basePath = "pages")
public final class Pages {

  private Pages() {}

  /**
   * The unsubscribe page in the customer's language.
   *
   * @param done true once unsubscribed; otherwise the page asks to confirm with a POST to {@code action}
   */
  public static native TemplateInstance unsubscribe(String locale, String shop, String action, boolean done);
}
