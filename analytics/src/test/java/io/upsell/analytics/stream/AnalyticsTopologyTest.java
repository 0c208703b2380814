package io.upsell.analytics.stream;

import static io.upsell.analytics.fixtures.Events.cancellation;
import static io.upsell.analytics.fixtures.Events.cart;
import static io.upsell.analytics.fixtures.Events.delivery;
import static io.upsell.analytics.fixtures.Events.engagement;
import static io.upsell.analytics.fixtures.Events.order;
import static io.upsell.analytics.fixtures.Events.session;
import static io.upsell.analytics.fixtures.Events.suppressed;
import static io.upsell.analytics.fixtures.Events.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.analytics.kpi.Counters;
import io.upsell.analytics.kpi.FunnelMeasure;
import io.upsell.analytics.kpi.Granularity;
import io.upsell.analytics.kpi.LiftMeasure;
import io.upsell.analytics.kpi.Measure;
import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.schemas.notify.Delivery;
import io.upsell.schemas.notify.DeliveryStatus;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.topics.Topic;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.SuppressionReason;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The aggregates, fed event by event through the real topology (TopologyTestDriver, no broker). */
class AnalyticsTopologyTest {

  private static final String SHOP = "shop-t";
  private static final ZoneId ZONE = ZoneId.of("Europe/London");
  private static final Instant DEC_10 = LocalDateTime.of(2025, 12, 10, 12, 0).atZone(ZONE).toInstant();

  @RegisterExtension
  final TopologyFixture topology = new TopologyFixture(SHOP, ZONE);

  @Test
  void aLateOlderOrderLandsInItsOwnDayAndMakesTheCustomerNewThere() {
    send(Topics.SHOP_ORDERS, "c1", order(SHOP, "c1", "o-2", DEC_10, 5_000));
    assertThat(day(DEC_10, Measure.NEW_CUSTOMERS)).isEqualTo(1);

    Instant dec5 = DEC_10.minus(Duration.ofDays(5));
    send(Topics.SHOP_ORDERS, "c1", order(SHOP, "c1", "o-1", dec5, 3_000));

    assertThat(day(dec5, Measure.GROSS)).isEqualTo(3_000);
    assertThat(day(dec5, Measure.ORDERS)).isEqualTo(1);
    assertThat(day(dec5, Measure.NEW_CUSTOMERS)).isEqualTo(1);
    assertThat(day(DEC_10, Measure.NEW_CUSTOMERS)).isZero();
    assertThat(day(DEC_10, Measure.RETURNING_CUSTOMERS)).isEqualTo(1);
    assertThat(bucket(Granularity.MONTH, DEC_10, Measure.CUSTOMERS)).isEqualTo(1);
    assertThat(bucket(Granularity.MONTH, DEC_10, Measure.NEW_CUSTOMERS)).isEqualTo(1);
    assertThat(bucket(Granularity.MONTH, DEC_10, Measure.GROSS)).isEqualTo(8_000);
  }

  @Test
  void theFirstEventMarksTheTasksStoresWithTheCurrentLayout() {
    assertThat(topology.layoutMarker()).isNull();
    send(Topics.SHOP_VIEWS, "c1", session(SHOP, "c1", "s-1", DEC_10));

    assertThat(topology.layoutMarker()).containsExactly(StateLayout.VERSION);
  }

  @Test
  void aCancellationSubtractsInTheDayItHappened() {
    send(Topics.SHOP_ORDERS, "c1", order(SHOP, "c1", "o-1", DEC_10, 5_000));
    Instant nextDay = DEC_10.plus(Duration.ofDays(1));
    send(Topics.SHOP_ORDERS, "c1", cancellation(SHOP, "c1", "o-1", nextDay, 2_000));

    assertThat(day(DEC_10, Measure.REFUNDS)).isZero();
    assertThat(day(nextDay, Measure.REFUNDS)).isEqualTo(2_000);
    assertThat(day(nextDay, Measure.CANCELLATIONS)).isEqualTo(1);
    assertThat(bucket(Granularity.MONTH, DEC_10, Measure.GROSS) - bucket(Granularity.MONTH, DEC_10, Measure.REFUNDS))
        .isEqualTo(3_000);
  }

  @Test
  void aBuyerWhoSkipsAWeekChurnsThereUntilALateOrderFillsIt() {
    Instant week2 = DEC_10.plus(Duration.ofDays(7));
    send(Topics.SHOP_ORDERS, "c1", order(SHOP, "c1", "o-1", DEC_10, 1_000));
    assertThat(churnedInWeek(week2)).isEqualTo(1);

    send(Topics.SHOP_ORDERS, "c1", order(SHOP, "c1", "o-2", week2, 1_000));

    assertThat(churnedInWeek(week2)).isZero();
    assertThat(churnedInWeek(week2.plus(Duration.ofDays(7)))).isEqualTo(1);
  }

  @Test
  void aLateOrderInTheWeekBeforeKeepsTheBuyerFromChurningInTheirOrdersWeek() {
    Instant week2 = DEC_10.plus(Duration.ofDays(7));
    send(Topics.SHOP_ORDERS, "c1", order(SHOP, "c1", "o-2", week2, 1_000));
    send(Topics.SHOP_ORDERS, "c2", order(SHOP, "c2", "o-3", DEC_10, 1_000));
    assertThat(churnedInWeek(week2)).isEqualTo(1);

    send(Topics.SHOP_ORDERS, "c1", order(SHOP, "c1", "o-1", DEC_10, 1_000));

    assertThat(churnedInWeek(week2)).isEqualTo(1);
    assertThat(bucket(Granularity.WEEK, week2, Measure.RETAINED)).isEqualTo(1);
  }

  // As the KPI answer derives it: customers of the week before minus those of them who bought again this week.
  private long churnedInWeek(Instant week) {
    return bucket(Granularity.WEEK, week.minus(Duration.ofDays(7)), Measure.CUSTOMERS)
        - bucket(Granularity.WEEK, week, Measure.RETAINED);
  }

  @Test
  void aSessionConvertsOnlyWithAnOrderInsideIt() {
    send(Topics.SHOP_VIEWS, "c1", session(SHOP, "c1", "s-1", DEC_10));
    send(Topics.SHOP_VIEWS, "c2", session(SHOP, "c2", "s-2", DEC_10));
    send(Topics.SHOP_ORDERS, "c1", order(SHOP, "c1", "o-1", DEC_10.plus(Duration.ofMinutes(20)), 1_000));
    send(Topics.SHOP_ORDERS, "c2", order(SHOP, "c2", "o-2", DEC_10.plus(Duration.ofHours(5)), 1_000));

    assertThat(day(DEC_10, Measure.SESSIONS)).isEqualTo(2);
    assertThat(day(DEC_10, Measure.CONVERTED_SESSIONS)).isEqualTo(1);
  }

  @Test
  void aCheckoutWithoutAnOrderIsAbandonedAndALateOrderRescuesIt() {
    send(Topics.SHOP_CARTS, "c1", cart(SHOP, "c1", "cart-1", CartEventType.ITEM_ADDED, DEC_10));
    send(Topics.SHOP_CARTS, "c1", cart(SHOP, "c1", "cart-1", CartEventType.CHECKOUT_STARTED, DEC_10.plusSeconds(60)));
    assertThat(day(DEC_10, Measure.CARTS)).isEqualTo(1);
    assertThat(day(DEC_10, Measure.CHECKOUTS)).isEqualTo(1);
    assertThat(day(DEC_10, Measure.CONVERTED_CHECKOUTS)).isZero();

    send(Topics.SHOP_ORDERS, "c1", order(SHOP, "c1", "o-1", DEC_10.plusSeconds(600), 1_000));

    assertThat(day(DEC_10, Measure.CONVERTED_CARTS)).isEqualTo(1);
    assertThat(day(DEC_10, Measure.CONVERTED_CHECKOUTS)).isEqualTo(1);
  }

  @Test
  void theFunnelCountsEachStageOfTheTriggerTypeAndVariant() {
    UpsellTrigger sent = trigger(SHOP, "c1", "t-1", TriggerType.CART_ABANDONED, "B", false, DEC_10);
    UpsellTrigger capped = trigger(SHOP, "c2", "t-2", TriggerType.CART_ABANDONED, "B", false, DEC_10);
    send(Topics.UPSELL_TRIGGERS, "c1", sent);
    send(Topics.UPSELL_SUPPRESSED, "c2", suppressed(capped, SuppressionReason.FREQUENCY_CAP));
    Delivery d = delivery(sent, "d-1", DeliveryStatus.SENT, DEC_10.plusSeconds(5));
    send(Topics.NOTIFY_DELIVERIES, "c1", d);
    send(Topics.ENGAGEMENT_EVENTS, "c1", engagement(d, EngagementType.OPENED, DEC_10.plusSeconds(60)));
    send(Topics.ENGAGEMENT_EVENTS, "c1", engagement(d, EngagementType.CLICKED, DEC_10.plusSeconds(90)));

    long[] funnel = funnel(DEC_10, "CART_ABANDONED|B");
    assertThat(Counters.get(funnel, FunnelMeasure.DECIDED.ordinal())).isEqualTo(2);
    assertThat(Counters.get(funnel, FunnelMeasure.SUPPRESSED.ordinal())).isEqualTo(1);
    assertThat(Counters.get(funnel, FunnelMeasure.suppressedBy(SuppressionReason.FREQUENCY_CAP))).isEqualTo(1);
    assertThat(Counters.get(funnel, FunnelMeasure.SENT.ordinal())).isEqualTo(1);
    assertThat(Counters.get(funnel, FunnelMeasure.DELIVERED.ordinal())).isEqualTo(1);
    assertThat(Counters.get(funnel, FunnelMeasure.OPENED.ordinal())).isEqualTo(1);
    assertThat(Counters.get(funnel, FunnelMeasure.CLICKED.ordinal())).isEqualTo(1);
    assertThat(Counters.get(funnel, FunnelMeasure.CONVERTED.ordinal())).isZero();
  }

  @Test
  void theFunnelCountsUnknownDeliveriesPerTriggerTypeApartFromSentAndFailed() {
    // Given two storage prompts whose sends were cut off by a crash and one that was sent, and a cart reminder
    UpsellTrigger first = trigger(SHOP, "c1", "t-1", TriggerType.STORAGE_NEAR_FULL, "A", false, DEC_10);
    UpsellTrigger second = trigger(SHOP, "c2", "t-2", TriggerType.STORAGE_NEAR_FULL, "A", false, DEC_10);
    UpsellTrigger third = trigger(SHOP, "c3", "t-3", TriggerType.STORAGE_NEAR_FULL, "A", false, DEC_10);
    UpsellTrigger cart = trigger(SHOP, "c4", "t-4", TriggerType.CART_ABANDONED, "A", false, DEC_10);
    for (UpsellTrigger t : List.of(first, second, third, cart)) {
      send(Topics.UPSELL_TRIGGERS, t.getCustomerId(), t);
    }

    // When the notifier reports their outcomes
    send(Topics.NOTIFY_DELIVERIES, "c1", delivery(first, "d-1", DeliveryStatus.UNKNOWN, DEC_10.plusSeconds(5)));
    send(Topics.NOTIFY_DELIVERIES, "c2", delivery(second, "d-2", DeliveryStatus.UNKNOWN, DEC_10.plusSeconds(5)));
    send(Topics.NOTIFY_DELIVERIES, "c3", delivery(third, "d-3", DeliveryStatus.SENT, DEC_10.plusSeconds(5)));
    send(Topics.NOTIFY_DELIVERIES, "c4", delivery(cart, "d-4", DeliveryStatus.SENT, DEC_10.plusSeconds(5)));

    // Then the storage prompts' funnel counts two unknown, one sent, none failed; the cart reminder's none unknown
    long[] storage = funnel(DEC_10, "STORAGE_NEAR_FULL|A");
    assertThat(Counters.get(storage, FunnelMeasure.UNKNOWN)).isEqualTo(2);
    assertThat(Counters.get(storage, FunnelMeasure.SENT.ordinal())).isEqualTo(1);
    assertThat(Counters.get(storage, FunnelMeasure.FAILED.ordinal())).isZero();
    assertThat(Counters.get(funnel(DEC_10, "CART_ABANDONED|A"), FunnelMeasure.UNKNOWN)).isZero();
  }

  @Test
  void anOrderGoesToTheLastClickWithinFiveDaysBeforeALaterUnclickedDelivery() {
    UpsellTrigger first = trigger(SHOP, "c1", "t-1", TriggerType.WIN_BACK, "A", false, DEC_10);
    UpsellTrigger second = trigger(SHOP, "c1", "t-2", TriggerType.REPLENISHMENT_DUE, "A", false,
        DEC_10.plus(Duration.ofDays(3)));
    Delivery clicked = delivery(first, "d-1", DeliveryStatus.SENT, DEC_10);
    Delivery unclicked = delivery(second, "d-2", DeliveryStatus.SENT, DEC_10.plus(Duration.ofDays(3)));
    send(Topics.UPSELL_TRIGGERS, "c1", first);
    send(Topics.NOTIFY_DELIVERIES, "c1", clicked);
    send(Topics.ENGAGEMENT_EVENTS, "c1", engagement(clicked, EngagementType.CLICKED, DEC_10.plus(Duration.ofDays(1))));
    send(Topics.UPSELL_TRIGGERS, "c1", second);
    send(Topics.NOTIFY_DELIVERIES, "c1", unclicked);
    send(Topics.SHOP_ORDERS, "c1", order(SHOP, "c1", "o-1", DEC_10.plus(Duration.ofDays(3)).plusSeconds(3600), 7_000));

    long[] winBack = funnel(DEC_10, "WIN_BACK|A");
    assertThat(Counters.get(winBack, FunnelMeasure.CONVERTED.ordinal())).isEqualTo(1);
    assertThat(Counters.get(winBack, FunnelMeasure.CLICK_REVENUE.ordinal())).isEqualTo(7_000);
    assertThat(Counters.get(funnel(DEC_10.plus(Duration.ofDays(3)), "REPLENISHMENT_DUE|A"),
        FunnelMeasure.CONVERTED.ordinal())).isZero();
  }

  @Test
  void withoutAClickAnOrderGoesToADeliveryOfTheLastDayOnly() {
    UpsellTrigger t = trigger(SHOP, "c1", "t-1", TriggerType.WIN_BACK, "A", false, DEC_10);
    send(Topics.UPSELL_TRIGGERS, "c1", t);
    send(Topics.NOTIFY_DELIVERIES, "c1", delivery(t, "d-1", DeliveryStatus.SENT, DEC_10));
    send(Topics.SHOP_ORDERS, "c1", order(SHOP, "c1", "o-late", DEC_10.plus(Duration.ofDays(2)), 4_000));
    assertThat(Counters.get(funnel(DEC_10, "WIN_BACK|A"), FunnelMeasure.CONVERTED.ordinal())).isZero();

    send(Topics.SHOP_ORDERS, "c1", order(SHOP, "c1", "o-soon", DEC_10.plus(Duration.ofHours(3)), 2_500));

    long[] funnel = funnel(DEC_10, "WIN_BACK|A");
    assertThat(Counters.get(funnel, FunnelMeasure.VIEW_ORDERS.ordinal())).isEqualTo(1);
    assertThat(Counters.get(funnel, FunnelMeasure.ATTRIBUTED_REVENUE.ordinal())).isEqualTo(2_500);
  }

  @Test
  void aClickArrivingAfterTheOrderItExplainsStillGetsTheCredit() {
    UpsellTrigger t = trigger(SHOP, "c1", "t-1", TriggerType.WIN_BACK, "A", false, DEC_10);
    Delivery d = delivery(t, "d-1", DeliveryStatus.SENT, DEC_10);
    send(Topics.UPSELL_TRIGGERS, "c1", t);
    send(Topics.NOTIFY_DELIVERIES, "c1", d);
    send(Topics.SHOP_ORDERS, "c1", order(SHOP, "c1", "o-1", DEC_10.plus(Duration.ofDays(2)), 9_000));
    assertThat(Counters.get(funnel(DEC_10, "WIN_BACK|A"), FunnelMeasure.CONVERTED.ordinal())).isZero();

    send(Topics.ENGAGEMENT_EVENTS, "c1", engagement(d, EngagementType.CLICKED, DEC_10.plus(Duration.ofDays(1))));

    long[] funnel = funnel(DEC_10, "WIN_BACK|A");
    assertThat(Counters.get(funnel, FunnelMeasure.CONVERTED.ordinal())).isEqualTo(1);
    assertThat(Counters.get(funnel, FunnelMeasure.CLICK_REVENUE.ordinal())).isEqualTo(9_000);
  }

  @Test
  void aHoldoutCustomerWhoBuysAnywayCountsAsAConvertedControl() {
    UpsellTrigger holdout = trigger(SHOP, "c-hold", "t-h", TriggerType.CART_ABANDONED, "A", true, DEC_10);
    send(Topics.UPSELL_SUPPRESSED, "c-hold", suppressed(holdout, SuppressionReason.HOLDOUT));
    send(Topics.SHOP_ORDERS, "c-hold", order(SHOP, "c-hold", "o-h", DEC_10.plus(Duration.ofDays(2)), 6_000));
    UpsellTrigger treated = trigger(SHOP, "c-t", "t-t", TriggerType.CART_ABANDONED, "A", false, DEC_10);
    send(Topics.UPSELL_TRIGGERS, "c-t", treated);

    long[] control = lift(DEC_10, "CART_ABANDONED|A|C");
    assertThat(Counters.get(control, LiftMeasure.CUSTOMERS.ordinal())).isEqualTo(1);
    assertThat(Counters.get(control, LiftMeasure.CONVERTED.ordinal())).isEqualTo(1);
    assertThat(Counters.get(control, LiftMeasure.REVENUE.ordinal())).isEqualTo(6_000);
    long[] treatedGroup = lift(DEC_10, "CART_ABANDONED|A|T");
    assertThat(Counters.get(treatedGroup, LiftMeasure.CUSTOMERS.ordinal())).isEqualTo(1);
    assertThat(Counters.get(treatedGroup, LiftMeasure.CONVERTED.ordinal())).isZero();
    assertThat(Counters.get(funnel(DEC_10, "CART_ABANDONED|A"), FunnelMeasure.HOLDOUT.ordinal())).isEqualTo(1);
    assertThat(Counters.get(funnel(DEC_10, "CART_ABANDONED|A"), FunnelMeasure.SENT.ordinal())).isZero();
  }

  @Test
  void aSuppressionForAnotherReasonDoesNotMakeAControl() {
    UpsellTrigger capped = trigger(SHOP, "c1", "t-1", TriggerType.CART_ABANDONED, "A", false, DEC_10);
    send(Topics.UPSELL_SUPPRESSED, "c1", suppressed(capped, SuppressionReason.QUIET_HOURS));

    assertThat(lift(DEC_10, "CART_ABANDONED|A|C")).isNull();
  }

  private <V extends SpecificRecord> void send(Topic<V> topic, String customer, V value) {
    topology.send(topic, customer, value);
  }

  private long day(Instant at, Measure measure) {
    return bucket(Granularity.DAY, at, measure);
  }

  private long bucket(Granularity g, Instant at, Measure measure) {
    return Counters.get(topology.bucket(g, at), measure.ordinal());
  }

  private long[] funnel(Instant day, String typeAndVariant) {
    return topology.daily(StoreKeys.FUNNEL, day, typeAndVariant);
  }

  private long[] lift(Instant day, String suffix) {
    return topology.daily(StoreKeys.LIFT, day, suffix);
  }
}
