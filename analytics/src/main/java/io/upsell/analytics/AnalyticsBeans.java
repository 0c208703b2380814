package io.upsell.analytics;

import io.micrometer.core.instrument.MeterRegistry;
import io.upsell.analytics.query.CouponQuery;
import io.upsell.analytics.query.KpiQuery;
import io.upsell.analytics.query.LiftQuery;
import io.upsell.analytics.query.RemoteRanges;
import io.upsell.analytics.query.ShopStores;
import io.upsell.analytics.query.StoreRanges;
import io.upsell.analytics.query.TopProductsQuery;
import io.upsell.analytics.query.UpsellQuery;
import io.upsell.analytics.report.KpiDigest;
import io.upsell.analytics.report.ReportSettings;
import io.upsell.analytics.report.UnaddressedDigests;
import io.upsell.analytics.stream.AnalyticsSettings;
import io.upsell.analytics.stream.AnalyticsTopology;
import io.upsell.analytics.stream.StateLayout;
import io.upsell.platform.shops.Shop;
import io.upsell.platform.shops.ShopDirectory;
import io.upsell.schemas.serde.EventSerdes;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/** Wires the plain topology and query classes into the app; they know nothing of CDI themselves. */
@Singleton
public class AnalyticsBeans {

  private final ExecutorService digestBuilds;

  /**
   * Digests are built on a few workers, off the stream thread (they may wait on other instances): one slow shop's
   * build does not hold up the others', and a build that outlives its time is interrupted.
   */
  AnalyticsBeans(AnalyticsConfig config) {
    AtomicInteger workers = new AtomicInteger();
    digestBuilds = Executors.newFixedThreadPool(Math.max(1, config.reports().buildThreads()), task -> {
      Thread thread = new Thread(task, "analytics-digests-" + workers.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  @Produces
  @Singleton
  AnalyticsSettings settings(ShopDirectory shops, AnalyticsConfig config) {
    return new AnalyticsSettings(id -> shops.find(id).map(Shop::timeZone).orElse(null),
        id -> shops.find(id).map(Shop::currency).orElse(null), config.clickWindow(),
        config.viewWindow(), config.liftWindow(), config.sessionWindow(), config.cartWindow(),
        config.persistentCustomerStore(), new StateLayout());
  }

  // The digests read the KPI query, which needs the running KafkaStreams this topology makes: looked up when due.
  @Produces
  @Singleton
  Topology topology(EventSerdes serdes, AnalyticsSettings settings, ShopDirectory shops, AnalyticsConfig config,
      Provider<KpiDigest> digest, MeterRegistry meters) {
    ReportSettings reports = config.reports().enabled()
        ? new ReportSettings(shops::all, (shop, period, start, now) -> digest.get().build(shop, period, start, now),
            digestBuilds, config.reports().checkEvery(), Clock.systemUTC(), new UnaddressedDigests(meters))
        : null;
    return AnalyticsTopology.build(serdes, settings, reports);
  }

  @Produces
  @Singleton
  KpiDigest kpiDigest(KpiQuery kpis, StoreRanges ranges) {
    return new KpiDigest(kpis, ranges);
  }

  @PreDestroy
  void stopDigestBuilds() {
    digestBuilds.shutdownNow();
  }

  @Produces
  @Singleton
  StoreRanges storeRanges(KafkaStreams streams, AnalyticsConfig config, AnalyticsSettings settings) {
    return new StoreRanges(streams, new RemoteRanges(config.peerSecret()), config.queryAttempts(),
        config.retryAfterSeconds(), settings.layout());
  }

  @Produces
  @Singleton
  KpiQuery kpiQuery(StoreRanges ranges) {
    return new KpiQuery(ranges);
  }

  @Produces
  @Singleton
  UpsellQuery upsellQuery(StoreRanges ranges, AnalyticsConfig config) {
    return new UpsellQuery(ranges, config.clickWindow(), config.viewWindow());
  }

  @Produces
  @Singleton
  LiftQuery liftQuery(StoreRanges ranges, ShopStores shopStores) {
    return new LiftQuery(ranges, shopStores);
  }

  @Produces
  @Singleton
  ShopStores shopStores(KafkaStreams streams, StoreRanges ranges, AnalyticsConfig config) {
    return new ShopStores(streams, ranges, new RemoteRanges(config.peerSecret()));
  }

  // The clock a code's deadline is judged by.
  @Produces
  @Singleton
  CouponQuery couponQuery(ShopStores stores, StoreRanges ranges) {
    return new CouponQuery(stores, ranges, Clock.systemUTC());
  }

  @Produces
  @Singleton
  TopProductsQuery topProductsQuery(StoreRanges ranges) {
    return new TopProductsQuery(ranges);
  }
}
