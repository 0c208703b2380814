package io.upsell.notifier.template;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Single lines looked up by key at run time: subjects and the in-app title, body and button. */
@CheckedTemplate(basePath = "texts")
public final class Texts {

  private Texts() {}

  public static native TemplateInstance line(String key, String shop);
}
