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
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the digest schedule needs: the shops, how to build a digest (the KPI query, read when due, so it may reach
 * other instances), where builds run (never the stream thread), how often to look for due ones, the clock that
 * says which periods are finished, and who hears of a digest published without a recipient.
 */
public record ReportSettings(Supplier<Collection<Shop>> shops, Digests digests, Executor builds, Duration checkEvery,
    Clock clock, Consumer<KpiReport> unaddressed) {

  /** Digests without a recipient are published and nobody else hears of them. */
  public ReportSettings(Supplier<Collection<Shop>> shops, Digests digests, Executor builds, Duration checkEvery,
      Clock clock) {
    this(shops, digests, builds, checkEvery, clock, report -> { });
  }

  /** Builds the digest of one shop's period; may block (it queries other instances). */
  @FunctionalInterface
  public interface Digests {
    KpiReport build(Shop shop, ReportPeriod period, LocalDate start, Instant now);
  }
}
