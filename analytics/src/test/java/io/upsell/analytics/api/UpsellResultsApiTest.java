package io.upsell.analytics.api;

import static io.upsell.analytics.fixtures.DemoApi.asShopB;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.upsell.analytics.fixtures.Events;
import io.upsell.analytics.fixtures.Eventually;
import io.upsell.analytics.fixtures.ShopEvents;
import io.upsell.schemas.notify.Delivery;
import io.upsell.schemas.notify.DeliveryStatus;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.upsell.SuppressionReason;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Best send hour and A/B results per variant from a hand-made day of cart reminders in shop B (Asia/Riyadh, March
 * 1998, no other data of the shop): variant A's two customers (one clicks at 9 and buys 20.00, one only opens),
 * variant B's two (both click at 14; they buy 30.00 and 5.00), and two holdout customers (one buys 10.00 anyway).
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class UpsellResultsApiTest {

  private static final String SHOP = TestShops.SHOP_B;
  private static final ZoneId ZONE = ZoneId.of("Asia/Riyadh");
  private static final LocalDate DAY = LocalDate.of(1998, 3, 2);

  @BeforeAll
  static void aDayOfReminders() {
    try (ShopEvents events = new ShopEvents(SHOP)) {
      sent(events, "u-a1", "A", 9, EngagementType.CLICKED, 2_000);
      sent(events, "u-a2", "A", 9, EngagementType.OPENED, 0);
      sent(events, "u-b1", "B", 14, EngagementType.CLICKED, 3_000);
      sent(events, "u-b2", "B", 14, EngagementType.CLICKED, 500);
      holdout(events, "u-c1", "A", 1_000);
      holdout(events, "u-c2", "B", 0);
    }
  }

  @Test
  void theBestSendHourIsTheHourWithTheHighestClickThrough() {
    Eventually.passes(() -> {
      JsonPath funnel = day("funnel");
      // 9:00: two sent, both opened, one clicked (0.5); 14:00: two sent, two clicked (1.0).
      assertThat(funnel.getLong("sendHours[9].sent")).isEqualTo(2);
      assertThat(funnel.getLong("sendHours[9].opened")).isEqualTo(2);
      assertThat(funnel.getLong("sendHours[9].clicked")).isEqualTo(1);
      assertThat(funnel.getDouble("sendHours[9].clickThroughRate")).isEqualTo(0.5);
      assertThat(funnel.getLong("sendHours[14].sent")).isEqualTo(2);
      assertThat(funnel.getDouble("sendHours[14].clickThroughRate")).isEqualTo(1.0);
      assertThat((Object) funnel.get("sendHours[10].clickThroughRate")).isNull();
      assertThat(funnel.getInt("bestSendHour")).isEqualTo(14);
    });
  }

  @Test
  void eachVariantIsComparedWithTheControlGroup() {
    Eventually.passes(() -> {
      JsonPath lift = day("lift");
      // Control: 2 customers, 1 bought 10.00 within the lift window.
      assertThat(lift.getLong("control.customers")).isEqualTo(2);
      assertThat(lift.getLong("control.converted")).isEqualTo(1);
      assertThat(lift.getLong("control.revenuePerCustomerMinor")).isEqualTo(500);
      assertThat(lift.getList("variants.variant")).containsExactly("A", "B");
      Map<String, Object> a = lift.getMap("variants[0].treated");
      assertThat(a).containsEntry("customers", 2).containsEntry("converted", 1).containsEntry("conversionRate", 0.5f)
          .containsEntry("revenueMinor", 2_000).containsEntry("revenuePerCustomerMinor", 1_000);
      // A converts like the control: 0.5 - 0.5, interval ±1.96·sqrt(0.25/2 + 0.25/2) = ±0.98.
      assertThat(lift.getDouble("variants[0].conversionLift.difference")).isEqualTo(0.0);
      assertThat(lift.getDouble("variants[0].conversionLift.ci95Low")).isEqualTo(-0.98);
      assertThat(lift.getDouble("variants[0].conversionLift.ci95High")).isEqualTo(0.98);
      // A earns 1000 - 500 = 500 more per customer than the control, +100%.
      assertThat(lift.getDouble("variants[0].revenuePerCustomerLift.difference")).isEqualTo(500.0);
      assertThat(lift.getDouble("variants[0].revenuePerCustomerLift.relative")).isEqualTo(1.0);
      Map<String, Object> b = lift.getMap("variants[1].treated");
      assertThat(b).containsEntry("customers", 2).containsEntry("converted", 2).containsEntry("conversionRate", 1.0f)
          .containsEntry("revenueMinor", 3_500).containsEntry("revenuePerCustomerMinor", 1_750);
      // B: 1.0 - 0.5 = 0.5, interval 0.5 ± 1.96·sqrt(0 + 0.25/2) = [-0.193, 1.193], relative +100%.
      assertThat(lift.getDouble("variants[1].conversionLift.difference")).isEqualTo(0.5);
      assertThat(lift.getDouble("variants[1].conversionLift.ci95Low")).isEqualTo(-0.193);
      assertThat(lift.getDouble("variants[1].conversionLift.ci95High")).isEqualTo(1.193);
      assertThat(lift.getDouble("variants[1].conversionLift.relative")).isEqualTo(1.0);
      // B: 1750 - 500 = 1250 per customer, +250%.
      assertThat(lift.getDouble("variants[1].revenuePerCustomerLift.difference")).isEqualTo(1250.0);
      assertThat(lift.getDouble("variants[1].revenuePerCustomerLift.relative")).isEqualTo(2.5);
      // All treated (A and B): 4 customers, 3 converted, 55.00.
      assertThat(lift.getLong("treated.customers")).isEqualTo(4);
      assertThat(lift.getLong("treated.converted")).isEqualTo(3);
      assertThat(lift.getLong("treated.revenueMinor")).isEqualTo(5_500);
    });
  }

  // A reminder sent at `hour`, engaged 10 minutes later, and an order of `orderMinor` (none if 0) an hour after.
  private static void sent(ShopEvents events, String customer, String variant, int hour, EngagementType engagement,
      long orderMinor) {
    Instant at = DAY.atTime(hour, 0).atZone(ZONE).toInstant();
    UpsellTrigger trigger = Events.trigger(SHOP, customer, "t-" + customer, TriggerType.CART_ABANDONED, variant,
        false, at);
    Delivery delivery = Events.delivery(trigger, "d-" + customer, DeliveryStatus.SENT, at);
    events.send(customer, at, trigger);
    events.send(customer, at, delivery);
    events.send(customer, at.plusSeconds(600), Events.engagement(delivery, engagement, at.plusSeconds(600)));
    if (orderMinor > 0) {
      events.send(customer, at.plusSeconds(3_600),
          Events.order(SHOP, customer, "o-" + customer, at.plusSeconds(3_600), orderMinor));
    }
  }

  // A holdout decision at 9:00 (recorded, never sent), and an order the next day if `orderMinor` > 0.
  private static void holdout(ShopEvents events, String customer, String variant, long orderMinor) {
    Instant at = DAY.atTime(9, 0).atZone(ZONE).toInstant();
    UpsellTrigger trigger = Events.trigger(SHOP, customer, "t-" + customer, TriggerType.CART_ABANDONED, variant,
        true, at);
    events.send(customer, at, Events.suppressed(trigger, SuppressionReason.HOLDOUT));
    if (orderMinor > 0) {
      Instant next = at.plusSeconds(86_400);
      events.send(customer, next, Events.order(SHOP, customer, "o-" + customer, next, orderMinor));
    }
  }

  private static JsonPath day(String path) {
    return asShopB().queryParam("from", DAY.toString()).queryParam("to", DAY.plusDays(1).toString())
        .get("/v1/shops/{shop}/" + path, SHOP).then().statusCode(200).extract().jsonPath();
  }
}
