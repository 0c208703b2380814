package io.upsell.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.upsell.schemas.analytics.KpiReport;
import io.upsell.schemas.analytics.ReportPeriod;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A digest without a recipient is counted in the Micrometer counter, per period kind. */
class UnaddressedDigestsTest {

  @Test
  void eachUnaddressedDigestCountsUnderItsPeriod() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    UnaddressedDigests unaddressed = new UnaddressedDigests(registry);

    unaddressed.accept(report(ReportPeriod.DAY, LocalDate.of(2025, 12, 8)));
    unaddressed.accept(report(ReportPeriod.DAY, LocalDate.of(2025, 12, 9)));
    unaddressed.accept(report(ReportPeriod.MONTH, LocalDate.of(2025, 11, 1)));

    assertThat(registry.get(UnaddressedDigests.METER).tag("period", "DAY").counter().count()).isEqualTo(2.0);
    assertThat(registry.get(UnaddressedDigests.METER).tag("period", "MONTH").counter().count()).isEqualTo(1.0);
    assertThat(registry.find(UnaddressedDigests.METER).tag("period", "WEEK").counter()).isNull();
  }

  private static KpiReport report(ReportPeriod period, LocalDate start) {
    return KpiReport.newBuilder().setShopId("shop-u").setReportId("shop-u:" + period + ":" + start).setPeriod(period)
        .setPeriodStart(start).setPeriodEnd(start).setCurrency("GBP").setRecipient(null)
        .setFigures(Map.of("orders", 1L)).setGeneratedAt(Instant.EPOCH).build();
  }
}
