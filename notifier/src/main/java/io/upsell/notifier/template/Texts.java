package io.upsell.notifier.template;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Plain text looked up at run time: single lines by key, and the offer as lines for in-app, webhook and text email. */
@CheckedTemplate(basePath = "texts")
public final class Texts {

  private Texts() {}

  public static native TemplateInstance line(String key, String shop);

  public static native TemplateInstance offer(OfferView o);
}
