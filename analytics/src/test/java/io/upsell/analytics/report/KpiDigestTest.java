package io.upsell.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.upsell.analytics.fixtures.DemoApi;
import io.upsell.analytics.fixtures.DemoTraffic;
import io.upsell.platform.shops.ShopDirectory;
import io.upsell.schemas.analytics.KpiReport;
import io.upsell.schemas.analytics.ReportPeriod;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The app's own digest build ({@link KpiDigest} over the running stores) for a week of shop B's demo traffic. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class KpiDigestTest {

  @Inject
  KpiDigest digests;

  @Inject
  ShopDirectory shops;

  @Test
  void aWeeklyDigestSpansMondayToSunday() {
    DemoApi.sendAndAwait();
    LocalDate monday = DemoTraffic.FIRST_DAY.plusDays(2);
    assertThat(monday.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);

    KpiReport report = digests.build(shops.find(TestShops.SHOP_B).orElseThrow(), ReportPeriod.WEEK, monday,
        Instant.now());

    assertThat(report.getPeriodStart()).isEqualTo(monday);
    assertThat(report.getPeriodEnd()).isEqualTo(monday.plusDays(6));
    assertThat(report.getPeriodEnd().getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
    assertThat(report.getReportId()).isEqualTo(TestShops.SHOP_B + ":WEEK:" + monday);
    assertThat(report.getFigures().get("orders")).isEqualTo(DemoTraffic.orders(monday, monday.plusDays(7)));
  }
}
