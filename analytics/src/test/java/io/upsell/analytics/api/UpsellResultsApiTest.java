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
 * Best send hour and A/B results per trigger type and variant from a hand-made day of cart reminders in shop B
 * (Asia/Riyadh, March 1998, no other data of the shop): variant A's two customers (one clicks at 9 and buys 20.00,
 * one only opens), variant B's two (both click at 14; they buy 30.00 and 5.00), and two holdout customers (one buys
 * 10.00 anyway); a week later win-back emails, whose variant is also named A, with holdout customers of their own.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class UpsellResultsApiTest {

  private static final String SHOP = TestShops.SHOP_B;
  private static final ZoneId ZONE = ZoneId.of("Asia/Riyadh");
  private static final LocalDate DAY = LocalDate.of(1998, 3, 2);
  private static final LocalDate WIN_BACK_DAY = DAY.plusDays(7);

  @BeforeAll
  static void aDayOfReminders() {
    try (ShopEvents events = new ShopEvents(SHOP)) {
      TriggerType cart = TriggerType.CART_ABANDONED;
      sent(events, DAY, cart, "u-a1", "A", 9, EngagementType.CLICKED, 2_000);
      sent(events, DAY, cart, "u-a2", "A", 9, EngagementType.OPENED, 0);
      sent(events, DAY, cart, "u-b1", "B", 14, EngagementType.CLICKED, 3_000);
      sent(events, DAY, cart, "u-b2", "B", 14, EngagementType.CLICKED, 500);
      holdout(events, DAY, cart, "u-c1", "A", 1_000);
      holdout(events, DAY, cart, "u-c2", "B", 0);
      // A week later, win-back emails with a variant also named A: one customer clicks and buys 80.00; neither of
      // the two win-back holdout customers buys.
      sent(events, WIN_BACK_DAY, TriggerType.WIN_BACK, "w-a1", "A", 9, EngagementType.CLICKED, 8_000);
      holdout(events, WIN_BACK_DAY, TriggerType.WIN_BACK, "w-c1", "A", 0);
      holdout(events, WIN_BACK_DAY, TriggerType.WIN_BACK, "w-c2", "A", 0);
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
      assertThat(lift.getList("variants.triggerType")).containsOnly("CART_ABANDONED");
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

  // A message sent at `hour`, engaged 10 minutes later, and an order of `orderMinor` (none if 0) an hour after.
  private static void sent(ShopEvents events, LocalDate day, TriggerType type, String customer, String variant,
      int hour, EngagementType engagement, long orderMinor) {
    Instant at = day.atTime(hour, 0).atZone(ZONE).toInstant();
    UpsellTrigger trigger = Events.trigger(SHOP, customer, "t-" + customer, type, variant, false, at);
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
  private static void holdout(ShopEvents events, LocalDate day, TriggerType type, String customer, String variant,
      long orderMinor) {
    Instant at = day.atTime(9, 0).atZone(ZONE).toInstant();
    UpsellTrigger trigger = Events.trigger(SHOP, customer, "t-" + customer, type, variant, true, at);
    events.send(customer, at, Events.suppressed(trigger, SuppressionReason.HOLDOUT));
    if (orderMinor > 0) {
      Instant next = at.plusSeconds(86_400);
      events.send(customer, next, Events.order(SHOP, customer, "o-" + customer, next, orderMinor));
    }
  }

  @Test
  void eachTriggerTypesVariantIsComparedWithThatTypesControlGroup() {
    Eventually.passes(() -> {
      JsonPath lift = days("lift", DAY, WIN_BACK_DAY.plusDays(1));
      assertThat(lift.getList("variants.triggerType")).containsExactly("CART_ABANDONED", "CART_ABANDONED", "WIN_BACK");
      assertThat(lift.getList("variants.variant")).containsExactly("A", "B", "A");
      // Cart reminders' A against the cart holdout (2 customers, 1 bought): as in the day's answer.
      assertThat(lift.getLong("variants[0].treated.customers")).isEqualTo(2);
      assertThat(lift.getLong("variants[0].control.customers")).isEqualTo(2);
      assertThat(lift.getDouble("variants[0].conversionLift.difference")).isEqualTo(0.0);
      // Win-back's A is its own: 1 of 1 bought 80.00, against the win-back holdout (0 of 2): +1.0, +8000 a customer.
      // (Against all 4 holdout customers, 1 buying 10.00, it would read 0.75 and 7750.)
      assertThat(lift.getLong("variants[2].treated.customers")).isEqualTo(1);
      assertThat(lift.getLong("variants[2].treated.revenueMinor")).isEqualTo(8_000);
      assertThat(lift.getLong("variants[2].control.customers")).isEqualTo(2);
      assertThat(lift.getLong("variants[2].control.converted")).isEqualTo(0);
      assertThat(lift.getDouble("variants[2].conversionLift.difference")).isEqualTo(1.0);
      assertThat(lift.getDouble("variants[2].revenuePerCustomerLift.difference")).isEqualTo(8_000.0);
      // The overall answer still takes every treated and control customer.
      assertThat(lift.getLong("treated.customers")).isEqualTo(5);
      assertThat(lift.getLong("control.customers")).isEqualTo(4);
    });
  }

  @Test
  void theCsvHasARowPerTriggerTypeAndVariantAfterItsTypesControl() {
    Eventually.passes(() -> {
      String csv = asShopB().accept("text/csv").queryParam("from", DAY.toString())
          .queryParam("to", WIN_BACK_DAY.plusDays(1).toString()).get("/v1/shops/{shop}/lift", SHOP)
          .then().statusCode(200).extract().asString();
      assertThat(csv.lines().map(line -> String.join(",", java.util.Arrays.asList(line.split(",")).subList(0, 4))))
          .containsExactly("group,triggerType,variant,customers", "treated,all,all,5", "control,all,all,4",
              "control,CART_ABANDONED,all,2", "treated,CART_ABANDONED,A,2", "treated,CART_ABANDONED,B,2",
              "control,WIN_BACK,all,2", "treated,WIN_BACK,A,1");
    });
  }

  private static JsonPath day(String path) {
    return days(path, DAY, DAY.plusDays(1));
  }

  private static JsonPath days(String path, LocalDate from, LocalDate to) {
    return asShopB().queryParam("from", from.toString()).queryParam("to", to.toString())
        .get("/v1/shops/{shop}/" + path, SHOP).then().statusCode(200).extract().jsonPath();
  }
}
