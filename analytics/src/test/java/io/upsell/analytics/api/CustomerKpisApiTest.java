package io.upsell.analytics.api;

import static io.upsell.analytics.fixtures.DemoApi.asShopB;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.upsell.analytics.fixtures.Events;
import io.upsell.analytics.fixtures.Eventually;
import io.upsell.analytics.fixtures.ShopEvents;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.shop.MarketingSpend;
import io.upsell.schemas.shop.SalesChannel;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The customer KPIs of two hand-made weeks of shop B (Asia/Riyadh), figures worked out by hand in the comments:
 * CLV, repeat-customer rate, revenue per customer, churn, conversion and cart and checkout abandonment. The weeks
 * (January 1998) come before any other data of the shop, so CLV starts from nothing.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class CustomerKpisApiTest {

  private static final String SHOP = TestShops.SHOP_B;
  private static final ZoneId ZONE = ZoneId.of("Asia/Riyadh");
  /** A Monday. */
  private static final LocalDate WEEK_1 = LocalDate.of(1998, 1, 5);
  private static final LocalDate WEEK_2 = WEEK_1.plusWeeks(1);
  private static final LocalDate THURSDAY = WEEK_2.plusDays(3);

  @BeforeAll
  static void twoWeeks() {
    try (ShopEvents events = new ShopEvents(SHOP)) {
      // Week 1: three new customers, 30.00 + 50.00 + 20.00.
      events.send("k-c1", at(WEEK_1, 10), Events.order(SHOP, "k-c1", "k-o1", at(WEEK_1, 10), 3_000));
      events.send("k-c2", at(WEEK_1.plusDays(1), 10),
          Events.order(SHOP, "k-c2", "k-o2", at(WEEK_1.plusDays(1), 10), 5_000));
      events.send("k-c3", at(WEEK_1.plusDays(2), 10),
          Events.order(SHOP, "k-c3", "k-o3", at(WEEK_1.plusDays(2), 10), 2_000));
      // Week 2, Monday: c1 comes back in a session, fills a cart, checks out and orders 10.00 within the hour.
      events.send("k-c1", at(WEEK_2, 9), Events.session(SHOP, "k-c1", "k-s1", at(WEEK_2, 9)));
      events.send("k-c1", at(WEEK_2, 9), Events.cart(SHOP, "k-c1", "k-k1", CartEventType.ITEM_ADDED, at(WEEK_2, 9)));
      events.send("k-c1", at(WEEK_2, 9),
          Events.cart(SHOP, "k-c1", "k-k1", CartEventType.CHECKOUT_STARTED, at(WEEK_2, 9)));
      events.send("k-c1", at(WEEK_2, 10), Events.order(SHOP, "k-c1", "k-o4", at(WEEK_2, 10), 1_000));
      // Tuesday: new customer c4 starts a session at 9, cart and checkout, but orders (40.00) only at 12: past the
      // 2-hour session window (session not converted), within the cart window of a day (cart and checkout are).
      LocalDate tuesday = WEEK_2.plusDays(1);
      events.send("k-c4", at(tuesday, 9), Events.session(SHOP, "k-c4", "k-s2", at(tuesday, 9)));
      events.send("k-c4", at(tuesday, 9), Events.cart(SHOP, "k-c4", "k-k2", CartEventType.ITEM_ADDED, at(tuesday, 9)));
      events.send("k-c4", at(tuesday, 9),
          Events.cart(SHOP, "k-c4", "k-k2", CartEventType.CHECKOUT_STARTED, at(tuesday, 9)));
      events.send("k-c4", at(tuesday, 12), Events.order(SHOP, "k-c4", "k-o5", at(tuesday, 12), 4_000));
      // c2 cancels 5.00 of week 1's order: a refund of week 2, and c2 does not count as a customer of it.
      events.send("k-c2", at(tuesday, 14), Events.cancellation(SHOP, "k-c2", "k-o2", at(tuesday, 14), 500));
      // Wednesday: c5 leaves a cart in a session; c3 leaves a cart after starting checkout. No orders.
      LocalDate wednesday = WEEK_2.plusDays(2);
      events.send("k-c5", at(wednesday, 9), Events.session(SHOP, "k-c5", "k-s3", at(wednesday, 9)));
      events.send("k-c5", at(wednesday, 9),
          Events.cart(SHOP, "k-c5", "k-k3", CartEventType.ITEM_ADDED, at(wednesday, 9)));
      events.send("k-c3", at(wednesday, 11), Events.session(SHOP, "k-c3", "k-s4", at(wednesday, 11)));
      events.send("k-c3", at(wednesday, 11),
          Events.cart(SHOP, "k-c3", "k-k4", CartEventType.ITEM_ADDED, at(wednesday, 11)));
      events.send("k-c3", at(wednesday, 11),
          Events.cart(SHOP, "k-c3", "k-k4", CartEventType.CHECKOUT_STARTED, at(wednesday, 11)));
      // Thursday of week 2: 90.00 of paid ads.
      events.send(MarketingSpend.newBuilder().setShopId(SHOP).setEventId("k-spend").setOccurredAt(at(THURSDAY, 8))
          .setDay(THURSDAY).setChannel(SalesChannel.PAID).setAmountMinor(9_000).setCurrency("SAR").build());
    }
  }

  @Test
  void repeatRateRevenuePerCustomerClvAndChurnOfEachWeek() {
    Eventually.passes(() -> {
      JsonPath weeks = weeks();
      // Week 1: 100.00 from 3 new customers; nobody bought the week before, so churn has no base.
      assertThat(weeks.getLong("series[0].netRevenueMinor")).isEqualTo(10_000);
      assertThat(weeks.getLong("series[0].customers")).isEqualTo(3);
      assertThat(weeks.getDouble("series[0].repeatCustomerRate")).isEqualTo(0.0);
      assertThat(weeks.getLong("series[0].revenuePerCustomerMinor")).isEqualTo(3_333); // 10000 / 3
      assertThat(weeks.getLong("series[0].clvMinor")).isEqualTo(3_333); // 10000 / 3 customers acquired
      assertThat(weeks.getLong("series[0].churnedCustomers")).isEqualTo(0L);
      assertThat((Object) weeks.get("series[0].churnRate")).isNull();
      // Week 2: 10.00 + 40.00 - 5.00 = 45.00 net from c1 (returning) and c4 (new).
      assertThat(weeks.getLong("series[1].netRevenueMinor")).isEqualTo(4_500);
      assertThat(weeks.getLong("series[1].customers")).isEqualTo(2);
      assertThat(weeks.getLong("series[1].returningCustomers")).isEqualTo(1);
      assertThat(weeks.getDouble("series[1].repeatCustomerRate")).isEqualTo(0.5); // 1 of 2
      assertThat(weeks.getLong("series[1].revenuePerCustomerMinor")).isEqualTo(2_250); // 4500 / 2
      assertThat(weeks.getLong("series[1].clvMinor")).isEqualTo(3_625); // (10000 + 4500) / 4 customers acquired
      // c2 and c3 bought in week 1 and not in week 2: 2 of week 1's 3 customers churned.
      assertThat(weeks.getLong("series[1].churnedCustomers")).isEqualTo(2);
      assertThat(weeks.getDouble("series[1].churnRate")).isEqualTo(0.6667);
    });
  }

  @Test
  void conversionAndCartAndCheckoutAbandonmentOfTheSecondWeek() {
    Eventually.passes(() -> {
      JsonPath weeks = weeks();
      // Sessions s1..s4; only s1 has an order within its 2 hours: 1 of 4.
      assertThat(weeks.getLong("series[1].sessions")).isEqualTo(4);
      assertThat(weeks.getLong("series[1].convertedSessions")).isEqualTo(1);
      assertThat(weeks.getDouble("series[1].conversionRate")).isEqualTo(0.25);
      // Carts k1..k4, k1 and k2 ordered within a day: 2 of 4 abandoned.
      assertThat(weeks.getLong("series[1].carts")).isEqualTo(4);
      assertThat(weeks.getDouble("series[1].cartAbandonmentRate")).isEqualTo(0.5);
      // Checkouts k1, k2, k4; k4 abandoned: 1 of 3.
      assertThat(weeks.getLong("series[1].checkouts")).isEqualTo(3);
      assertThat(weeks.getDouble("series[1].checkoutAbandonmentRate")).isEqualTo(0.3333);
      // Week 1 had no sessions or carts: no rates rather than 0.
      assertThat((Object) weeks.get("series[0].conversionRate")).isNull();
      assertThat((Object) weeks.get("series[0].cartAbandonmentRate")).isNull();
      assertThat((Object) weeks.get("series[0].checkoutAbandonmentRate")).isNull();
    });
  }

  @Test
  void daysAndHoursHaveNoChurn() {
    Eventually.passes(() -> {
      for (String granularity : java.util.List.of("day", "hour")) {
        JsonPath tuesday = kpis(granularity, WEEK_2.plusDays(1), WEEK_2.plusDays(2));
        // Monday's customer c1 bought nothing on Tuesday, yet a day says nothing about leaving.
        assertThat(tuesday.getList("series.orders", Long.class).stream().mapToLong(o -> o).sum()).isEqualTo(1);
        assertThat(tuesday.getList("series.churnedCustomers")).as(granularity).containsOnlyNulls();
        assertThat(tuesday.getList("series.churnRate")).as(granularity).containsOnlyNulls();
      }
    });
  }

  @Test
  void aWeekCutByTheRangeGetsTheWholeWeeksSpendLikeItsRevenue() {
    Eventually.passes(() -> {
      // The range ends on Wednesday of week 2; its row still holds the whole week: 45.00 net, Thursday's 90.00 spend.
      JsonPath cut = kpis("week", WEEK_1, WEEK_2.plusDays(2));
      assertThat(cut.getLong("series[1].netRevenueMinor")).isEqualTo(4_500);
      assertThat(cut.getLong("series[1].spendMinor")).isEqualTo(9_000);
      assertThat(cut.getDouble("series[1].roas")).isEqualTo(0.5); // 4500 / 9000
      assertThat(cut.getLong("series[1].cacMinor")).isEqualTo(9_000); // 9000 / 1 new customer (c4)
      assertThat(cut.getLong("series[0].spendMinor")).isZero();
    });
  }

  private static JsonPath weeks() {
    return kpis("week", WEEK_1, WEEK_2.plusWeeks(1));
  }

  private static JsonPath kpis(String granularity, LocalDate from, LocalDate to) {
    return asShopB().queryParam("from", from.toString()).queryParam("to", to.toString())
        .queryParam("granularity", granularity).get("/v1/shops/{shop}/kpis", SHOP)
        .then().statusCode(200).extract().jsonPath();
  }

  private static Instant at(LocalDate day, int hour) {
    return day.atTime(hour, 0).atZone(ZONE).toInstant();
  }
}
