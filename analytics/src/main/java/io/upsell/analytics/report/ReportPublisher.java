package io.upsell.analytics.report;

import io.quarkus.scheduler.Scheduled;
import io.upsell.analytics.AnalyticsConfig;
import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.analytics.query.KpiQuery;
import io.upsell.analytics.query.StoreRanges;
import io.upsell.platform.http.ApiException;
import io.upsell.platform.shops.Shop;
import io.upsell.platform.shops.ShopDirectory;
import io.upsell.schemas.analytics.KpiReport;
import io.upsell.schemas.analytics.ReportPeriod;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.ShopRules;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * In the first hour after a shop's local midnight, publishes the digest of the day that ended (and of the week on
 * Mondays, the month on the 1st) to analytics.reports, from the one instance that holds the shop's spend
 * partition so several instances publish once. The recipient is the shop rules' {@code report.recipient} setting.
 */
@ApplicationScoped
public class ReportPublisher {

  private static final Logger LOG = Logger.getLogger(ReportPublisher.class);
  static final String RECIPIENT_SETTING = "report.recipient";

  private final ShopDirectory shops;
  private final StoreRanges ranges;
  private final KpiDigest digest;
  private final AnalyticsConfig config;
  private final KafkaProducer<String, KpiReport> producer;

  public ReportPublisher(ShopDirectory shops, StoreRanges ranges, KpiQuery kpis, AnalyticsConfig config,
      EventSerdes serdes, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
    this.shops = shops;
    this.ranges = ranges;
    this.digest = new KpiDigest(kpis);
    this.config = config;
    this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.CLIENT_ID_CONFIG, "analytics-reports"),
        serdes.keySerde().serializer(), serdes.valueSerde(Topics.ANALYTICS_REPORTS).serializer());
  }

  @Scheduled(cron = "0 5 * * * ?", identity = "kpi-digests")
  void hourly() {
    if (!config.reports().enabled()) {
      return;
    }
    for (Shop shop : shops.all()) {
      ZonedDateTime local = ZonedDateTime.now(shop.timeZone());
      if (local.getHour() != 0 || !ranges.ownsShop(shop.id())) {
        continue;
      }
      LocalDate today = local.toLocalDate();
      publishQuietly(shop, ReportPeriod.DAY, today.minusDays(1));
      if (today.getDayOfWeek() == DayOfWeek.MONDAY) {
        publishQuietly(shop, ReportPeriod.WEEK, today.minusWeeks(1));
      }
      if (today.getDayOfMonth() == 1) {
        publishQuietly(shop, ReportPeriod.MONTH, today.minusMonths(1));
      }
    }
  }

  /** Builds and publishes one digest; returns it once the broker acknowledged it. */
  public KpiReport publish(Shop shop, ReportPeriod period, LocalDate start) throws Exception {
    ShopRules rules = ranges.global(StoreKeys.RULES, shop.id());
    String recipient = rules == null ? null : rules.getSettings().get(RECIPIENT_SETTING);
    KpiReport report = digest.build(shop, period, start, recipient, Instant.now());
    producer.send(new ProducerRecord<>(Topics.ANALYTICS_REPORTS.name(), shop.id(), report)).get(30, TimeUnit.SECONDS);
    return report;
  }

  private void publishQuietly(Shop shop, ReportPeriod period, LocalDate start) {
    try {
      publish(shop, period, start);
    } catch (ApiException e) {
      LOG.warnf("%s digest of shop %s not published: %s (next run retries)", period, shop.id(), e.getMessage());
    } catch (Exception e) {
      LOG.errorf(e, "%s digest of shop %s not published", period, shop.id());
    }
  }

  @PreDestroy
  void close() {
    producer.close();
  }
}
