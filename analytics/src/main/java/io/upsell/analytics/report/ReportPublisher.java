package io.upsell.analytics.report;

import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.analytics.query.KpiQuery;
import io.upsell.analytics.query.StoreRanges;
import io.upsell.platform.shops.Shop;
import io.upsell.schemas.analytics.KpiReport;
import io.upsell.schemas.analytics.ReportPeriod;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.ShopRules;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds a shop's KPI digest of a day, week or month (the recipient is the shop rules' {@code report.recipient}
 * setting) and publishes one on demand; the daily, weekly and monthly schedule is {@link DigestScheduler}'s.
 */
@ApplicationScoped
public class ReportPublisher {

  static final String RECIPIENT_SETTING = "report.recipient";

  private final StoreRanges ranges;
  private final KpiDigest digest;
  private final KafkaProducer<String, KpiReport> producer;

  public ReportPublisher(StoreRanges ranges, KpiQuery kpis, EventSerdes serdes,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
    this.ranges = ranges;
    this.digest = new KpiDigest(kpis);
    this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.CLIENT_ID_CONFIG, "analytics-reports"),
        serdes.keySerde().serializer(), serdes.valueSerde(Topics.ANALYTICS_REPORTS).serializer());
  }

  /** Builds and publishes one digest now (on demand; the schedule is {@link DigestScheduler}); returns it acked. */
  public KpiReport publish(Shop shop, ReportPeriod period, LocalDate start) throws Exception {
    KpiReport report = digest(shop, period, start, Instant.now());
    producer.send(new ProducerRecord<>(Topics.ANALYTICS_REPORTS.name(), shop.id(), report)).get(30, TimeUnit.SECONDS);
    return report;
  }

  /** The digest of a shop's period, to the recipient the shop rules name. */
  public KpiReport digest(Shop shop, ReportPeriod period, LocalDate start, Instant now) {
    ShopRules rules = ranges.global(StoreKeys.RULES, shop.id());
    String recipient = rules == null ? null : rules.getSettings().get(RECIPIENT_SETTING);
    return digest.build(shop, period, start, recipient, now);
  }

  @PreDestroy
  void close() {
    producer.close();
  }
}
