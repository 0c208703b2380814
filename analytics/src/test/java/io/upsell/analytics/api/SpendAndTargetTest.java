package io.upsell.analytics.api;

import static io.upsell.analytics.fixtures.DemoApi.asShopB;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.upsell.analytics.fixtures.DemoApi;
import io.upsell.analytics.fixtures.DemoTraffic;
import io.upsell.testkit.BulkProducer;
import io.upsell.analytics.report.KpiDigest;
import io.upsell.platform.shops.ShopDirectory;
import io.upsell.schemas.analytics.KpiReport;
import io.upsell.schemas.analytics.ReportPeriod;
import io.upsell.schemas.shop.MarketingSpend;
import io.upsell.schemas.shop.SalesChannel;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.ShopRules;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestKafka;
import io.upsell.testkit.TestShops;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Marketing spend gives CAC and ROAS in its day; the shop's monthly target gives progress and the digest's mail. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class SpendAndTargetTest {

  private static final LocalDate DAY = DemoTraffic.FIRST_DAY.plusDays(4);

  @Inject
  KpiDigest digests;

  @Inject
  ShopDirectory shops;

  @Test
  void spendAndTargetShowInTheKpisAndTheMonthlyDigest() throws Exception {
    DemoApi.sendAndAwait();
    try (BulkProducer producer = new BulkProducer(TestKafka.broker().bootstrapServers())) {
      for (long amount : new long[] {9_999, 4_000}) {
        // A repost for the same day and channel replaces the earlier figure.
        producer.send(Topics.SHOP_SPEND, TestShops.SHOP_B, spend(SalesChannel.PAID, amount), System.currentTimeMillis());
      }
      producer.send(Topics.SHOP_SPEND, TestShops.SHOP_B, spend(SalesChannel.SOCIAL, 1_000), System.currentTimeMillis());
      producer.send(Topics.UPSELL_RULES, TestShops.SHOP_B, rules(), System.currentTimeMillis());
    }

    var day = awaitKpis("day", DAY, DAY.plusDays(1), "series[0].spendMinor", 5_000);
    long net = day.getLong("series[0].netRevenueMinor");
    long newCustomers = day.getLong("series[0].newCustomers");
    assertThat(day.getLong("series[0].cacMinor")).isEqualTo(Math.round(5_000.0 / newCustomers));
    assertThat(day.getDouble("series[0].roas")).isEqualTo(Math.round(net / 5_000.0 * 10_000) / 10_000.0);

    LocalDate month = DemoTraffic.FIRST_DAY.withDayOfMonth(1);
    var monthly = awaitKpis("month", month, month.plusMonths(1), "series[0].targetMinor", 500_000);
    long monthNet = monthly.getLong("series[0].netRevenueMinor");
    assertThat(monthly.getDouble("series[0].targetProgress"))
        .isEqualTo(Math.round(monthNet / 500_000.0 * 10_000) / 10_000.0);

    KpiReport digest = digests.build(shops.find(TestShops.SHOP_B).orElseThrow(), ReportPeriod.MONTH, month,
        Instant.now());
    assertThat(digest.getRecipient()).isEqualTo("owner@shop-b.example");
    assertThat(digest.getFigures()).containsEntry("targetMinor", 500_000L)
        .containsEntry("netRevenueMinor", monthNet);
  }

  private static MarketingSpend spend(SalesChannel channel, long amount) {
    return MarketingSpend.newBuilder().setShopId(TestShops.SHOP_B).setEventId("spend-" + channel + amount)
        .setOccurredAt(Instant.now()).setDay(DAY).setChannel(channel).setAmountMinor(amount).setCurrency("SAR")
        .build();
  }

  // Every field set: Avro fills defaults through its global SpecificData, whose class loader is not the test's.
  private static ShopRules rules() {
    return ShopRules.newBuilder().setShopId(TestShops.SHOP_B).setUpdatedAt(Instant.now()).setShopName(null)
        .setTimeZone(null).setCurrency(null).setEnabledTriggers(null).setCapPerDay(null).setCapPerWeek(null)
        .setQuietHoursStart(null).setQuietHoursEnd(null).setHoldoutPercent(null)
        .setMonthlyRevenueTargetMinor(500_000L).setSettings(Map.of("report.recipient", "owner@shop-b.example"))
        .build();
  }

  private static io.restassured.path.json.JsonPath awaitKpis(String granularity, LocalDate from, LocalDate to,
      String field, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    io.restassured.path.json.JsonPath answer = null;
    while (System.nanoTime() < deadline) {
      var response = asShopB().queryParam("from", from.toString()).queryParam("to", to.toString())
          .queryParam("granularity", granularity).get("/v1/shops/{shop}/kpis", TestShops.SHOP_B);
      if (response.statusCode() == 200) {
        answer = response.jsonPath();
        Object value = answer.get(field);
        if (value != null && ((Number) value).longValue() == expected) {
          return answer;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError(field + " did not reach " + expected + " within 30 s: "
        + (answer == null ? "no answer" : answer.prettify()));
  }
}
