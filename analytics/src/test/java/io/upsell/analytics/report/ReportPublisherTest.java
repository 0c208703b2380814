package io.upsell.analytics.report;

import static io.upsell.analytics.fixtures.DemoApi.asShopB;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.upsell.analytics.fixtures.DemoApi;
import io.upsell.analytics.fixtures.DemoTraffic;
import io.upsell.platform.shops.ShopDirectory;
import io.upsell.schemas.analytics.KpiReport;
import io.upsell.schemas.analytics.ReportPeriod;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topics;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestKafka;
import io.upsell.testkit.TestShops;
import io.upsell.testkit.TopicRecords;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Digests reach analytics.reports with the period's figures, as the KPI answer gives them. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class ReportPublisherTest {

  @Inject
  ReportPublisher publisher;

  @Inject
  ShopDirectory shops;

  @Test
  void aDailyDigestCarriesTheDaysFiguresToTheReportsTopic() throws Exception {
    DemoApi.sendAndAwait();
    LocalDate day = DemoTraffic.FIRST_DAY.plusDays(1);

    KpiReport sent = publisher.publish(shops.find(TestShops.SHOP_B).orElseThrow(), ReportPeriod.DAY, day);

    var received = new TopicRecords(TestKafka.broker(), EventSerdes.singleObject()).await(Topics.ANALYTICS_REPORTS,
        r -> r.value().getReportId().equals(sent.getReportId()), 1, Duration.ofSeconds(30));
    assertThat(received).hasSize(1);
    KpiReport report = received.get(0).value();
    assertThat(received.get(0).key()).isEqualTo(TestShops.SHOP_B);
    assertThat(report.getReportId()).isEqualTo("shop-b:DAY:" + day);
    assertThat(report.getPeriodStart()).isEqualTo(day);
    assertThat(report.getPeriodEnd()).isEqualTo(day);
    assertThat(report.getCurrency()).isEqualTo("SAR");
    var row = asShopB().queryParam("from", day.toString()).queryParam("to", day.plusDays(1).toString())
        .get("/v1/shops/{shop}/kpis", TestShops.SHOP_B).then().statusCode(200).extract().jsonPath();
    assertThat(report.getFigures().get("orders")).isEqualTo((long) DemoTraffic.ordersPerDay().get(day));
    assertThat(report.getFigures().get("grossRevenueMinor")).isEqualTo(row.getLong("series[0].grossRevenueMinor"));
    assertThat(report.getFigures().get("conversionRateBp"))
        .isEqualTo(Math.round(row.getDouble("series[0].conversionRate") * 10_000));
  }

  @Test
  void aWeeklyDigestSpansMondayToSunday() throws Exception {
    DemoApi.sendAndAwait();
    LocalDate monday = LocalDate.of(2025, 3, 3);

    KpiReport report = publisher.publish(shops.find(TestShops.SHOP_B).orElseThrow(), ReportPeriod.WEEK, monday);

    assertThat(report.getPeriodEnd()).isEqualTo(LocalDate.of(2025, 3, 9));
    assertThat(report.getFigures().get("orders"))
        .isEqualTo(DemoTraffic.orders(monday, monday.plusDays(7)));
  }
}
