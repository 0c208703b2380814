package io.upsell.notifier.report;

import io.upsell.notifier.email.SmtpSender;
import io.upsell.notifier.template.Copy;
import io.upsell.notifier.template.Renderer;
import io.upsell.notifier.template.ReportModel.Figure;
import io.upsell.notifier.template.ReportModel;
import io.upsell.notifier.tracking.DeliveryRef;
import io.upsell.platform.shops.Shop;
import io.upsell.platform.shops.ShopDirectory;
import io.upsell.schemas.analytics.KpiReport;
import io.upsell.schemas.notify.DeliveryChannel;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Mails a KPI report to the shop owner named in it (the caller sees to once per report id).
 * Figures ending in {@code Minor} are money, in {@code Rate} or {@code Bp} basis points, the rest counts.
 */
@ApplicationScoped
public class ReportMailer {

  private static final Logger LOG = Logger.getLogger(ReportMailer.class);

  private final SmtpSender smtp;
  private final Renderer renderer;
  private final ShopDirectory shops;
  private final Copy copy;

  public ReportMailer(SmtpSender smtp, Renderer renderer, ShopDirectory shops, Copy copy) {
    this.smtp = smtp;
    this.renderer = renderer;
    this.shops = shops;
    this.copy = copy;
  }

  public void mail(KpiReport report) {
    String id = "report:" + report.getReportId();
    String shopName = shops.find(report.getShopId()).map(Shop::name).orElse(report.getShopId());
    String period = report.getPeriod().name().toLowerCase(Locale.ROOT) + "ly";
    var model = new ReportModel(shopName, period, report.getPeriodStart().toString(),
        report.getPeriodEnd().toString(), figures(report.getFigures(), report.getCurrency()));
    var email = renderer.report(model, copy.reportSubject(period, shopName));
    String deliveryId = DeliveryRef.idOf(id, DeliveryChannel.EMAIL);
    var outcome = smtp.send(report.getRecipient(), email, deliveryId, null);
    LOG.infof("report %s for shop %s: %s %s", report.getReportId(), report.getShopId(), outcome.kind(),
        outcome.error() == null ? "" : outcome.error());
  }

  static List<Figure> figures(Map<String, Long> figures, String currencyCode) {
    return figures.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> new Figure(label(e.getKey()), value(e.getKey(), e.getValue(), currencyCode))).toList();
  }

  private static String value(String name, long value, String currencyCode) {
    if (name.endsWith("Minor")) {
      Currency currency = Currency.getInstance(currencyCode);
      NumberFormat money = NumberFormat.getCurrencyInstance(Locale.ENGLISH);
      money.setCurrency(currency);
      return money.format(BigDecimal.valueOf(value).movePointLeft(Math.max(0, currency.getDefaultFractionDigits())));
    }
    if (name.endsWith("Rate") || name.endsWith("Bp")) {
      return BigDecimal.valueOf(value).movePointLeft(2).toPlainString() + "%";
    }
    return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(value);
  }

  /** grossRevenueMinor → Gross revenue. */
  private static String label(String name) {
    String words = name.replaceAll("(Minor|Bp)$", "").replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT);
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
