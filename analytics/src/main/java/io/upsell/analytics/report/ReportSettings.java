package io.upsell.analytics.report;

import io.upsell.platform.shops.Shop;
import io.upsell.schemas.analytics.KpiReport;
import io.upsell.schemas.analytics.ReportPeriod;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * What the digest schedule needs: the shops, how to build a digest (the KPI query, read when due, so it may reach
 * other instances) and how often to look for due ones.
 */
public record ReportSettings(Supplier<Collection<Shop>> shops, Digests digests, Duration checkEvery) {

  /** Builds the digest of one shop's period. */
  @FunctionalInterface
  public interface Digests {
    KpiReport build(Shop shop, ReportPeriod period, LocalDate start, Instant now);
  }
}
