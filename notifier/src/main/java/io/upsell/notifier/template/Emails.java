package io.upsell.notifier.template;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Type-checked email templates, each with an .html and a .txt variant: one message layout for every trigger type
 * (what differs between types is the copy and the offer, both in the model), plus the KPI report.
 */
@CheckedTemplate(basePath = "emails")
public final class Emails {

  private Emails() {}

  /** @param offerText the offer as plain lines, for the text variant */
  public static native TemplateInstance message(MessageModel m, String offerText);

  public static native TemplateInstance kpiReport(ReportModel r);
}
