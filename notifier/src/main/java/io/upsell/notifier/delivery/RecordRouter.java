package io.upsell.notifier.delivery;

import io.upsell.notifier.kafka.Outbox;
import io.upsell.notifier.report.ReportMailer;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.UpsellTrigger;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.jboss.logging.Logger;

/**
 * Decodes a consumed record and passes it on: triggers to the {@link TriggerHandler}, KPI reports to the
 * {@link ReportMailer}. A trigger no schema can read goes to the DLQ as it arrived, so one bad record never blocks
 * the partition.
 */
@ApplicationScoped
public class RecordRouter {

  private static final Logger LOG = Logger.getLogger(RecordRouter.class);
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final EventSerdes serdes;
  private final TriggerHandler triggers;
  private final ReportMailer reports;
  private final Outbox outbox;

  public RecordRouter(EventSerdes serdes, TriggerHandler triggers, ReportMailer reports, Outbox outbox) {
    this.serdes = serdes;
    this.triggers = triggers;
    this.reports = reports;
    this.outbox = outbox;
  }

  /** Handles the record; the returned future completes when its outcome is in Kafka. */
  public CompletableFuture<Void> route(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return DONE;
    }
    if (record.topic().equals(Topics.ANALYTICS_REPORTS.name())) {
      reports.mail(serdes.valueSerde(Topics.ANALYTICS_REPORTS).deserializer().deserialize(record.topic(),
          record.value()));
      return DONE;
    }
    UpsellTrigger trigger;
    try {
      trigger = serdes.valueSerde(Topics.UPSELL_TRIGGERS).deserializer().deserialize(record.topic(), record.value());
    } catch (SerializationException e) {
      LOG.warnf("unreadable trigger at %s-%d@%d sent to the DLQ", record.topic(), record.partition(),
          record.offset());
      return outbox.publishRaw(Topics.NOTIFY_DLQ, record.key(), record.value(),
          Map.of("error", "unreadable: " + e.getMessage())).thenApply(m -> null);
    }
    return triggers.handle(trigger);
  }
}
