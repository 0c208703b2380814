package io.upsell.analytics.report;

import io.upsell.platform.shops.Shop;
import io.upsell.schemas.analytics.KpiReport;
import io.upsell.schemas.analytics.ReportPeriod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What the digest schedule needs: the shops, how to build a digest (the KPI query, read when due, so it may reach
 * other instances), where builds run (never the stream thread), how often to look for due ones, and the clock
 * that says which periods are finished.
 */
public record ReportSettings(Supplier<Collection<Shop>> shops, Digests digests, Executor builds, Duration checkEvery,
    Clock clock) {

  /** Builds the digest of one shop's period; may block (it queries other instances). */
  @FunctionalInterface
  public interface Digests {
    KpiReport build(Shop shop, ReportPeriod period, LocalDate start, Instant now);
  }
}
