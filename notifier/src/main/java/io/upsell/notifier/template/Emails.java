package io.upsell.notifier.template;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** One type-checked email template per trigger type (each with an .html and a .txt variant), plus the KPI report. */
@CheckedTemplate(basePath = "emails")
public final class Emails {

  private Emails() {}

  public static native TemplateInstance cartAbandoned(MessageModel m);

  public static native TemplateInstance checkoutAbandoned(MessageModel m);

  public static native TemplateInstance postPurchaseCrossSell(MessageModel m);

  public static native TemplateInstance frequentlyBoughtTogether(MessageModel m);

  public static native TemplateInstance replenishmentDue(MessageModel m);

  public static native TemplateInstance storageNearFull(MessageModel m);

  public static native TemplateInstance planLimitHit(MessageModel m);

  public static native TemplateInstance subscriptionExpiring(MessageModel m);

  public static native TemplateInstance courseCompleted(MessageModel m);

  public static native TemplateInstance winBack(MessageModel m);

  public static native TemplateInstance kpiReport(ReportModel r);
}
