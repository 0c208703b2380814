package io.upsell.notifier.state;

import io.upsell.notifier.report.ReportMailer;
import io.upsell.notifier.tracking.DeliveryRef;
import io.upsell.schemas.analytics.KpiReport;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.SendClaim;
import java.time.Clock;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Mails each KPI report once: its id is recorded in the partition's store before the mail goes out. */
final class ReportProcessor implements Processor<String, KpiReport, Void, Void> {

  private static final String OWNER = "owner";

  private final ReportMailer mailer;
  private final Clock clock;
  private KeyValueStore<String, SendClaim> mailed;

  ReportProcessor(ReportMailer mailer, Clock clock) {
    this.mailer = mailer;
    this.clock = clock;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    mailed = context.getStateStore(StoreNames.REPORTS);
  }

  @Override
  public void process(Record<String, KpiReport> record) {
    KpiReport report = record.value();
    if (report == null || report.getRecipient() == null) {
      return;
    }
    String id = "report:" + report.getReportId();
    if (mailed.get(id) != null) {
      return;
    }
    mailed.put(id, new SendClaim(report.getShopId(), OWNER, id, DeliveryRef.idOf(id, DeliveryChannel.EMAIL),
        DeliveryChannel.EMAIL, clock.instant()));
    mailer.mail(report);
  }
}
