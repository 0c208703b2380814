package io.upsell.analytics.stream;

import static io.upsell.analytics.fixtures.Events.delivery;
import static io.upsell.analytics.fixtures.Events.engagement;
import static io.upsell.analytics.fixtures.Events.order;
import static io.upsell.analytics.fixtures.Events.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.analytics.kpi.Counters;
import io.upsell.analytics.kpi.FunnelMeasure;
import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.schemas.notify.Delivery;
import io.upsell.schemas.notify.DeliveryStatus;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Attribution follows the contract's windows (ARCHITECTURE.md: last click within 5 days, else last delivery within
 * 1 day; configurable), also for an order that names the delivery it came from ({@code notificationId}).
 */
class AttributionWindowsTest {

  private static final String SHOP = "shop-w";
  private static final ZoneId ZONE = ZoneId.of("Europe/London");
  private static final Instant SENT = LocalDateTime.of(2025, 12, 10, 12, 0).atZone(ZONE).toInstant();

  @RegisterExtension
  final TopologyFixture topology = new TopologyFixture(SHOP, ZONE);
  /** Windows other than the defaults: 10 days for a click, 3 for a delivery. */
  @RegisterExtension
  final TopologyFixture longer = new TopologyFixture(SHOP, ZONE, new AnalyticsSettings(id -> ZONE, id -> "GBP",
      Duration.ofDays(10), Duration.ofDays(3), Duration.ofDays(7), Duration.ofHours(2), Duration.ofDays(1), false));

  @Test
  void anOrderNamingADeliveryClickedSixDaysBeforeIsNotCreditedToIt() {
    Delivery d = sentAndClicked(topology, "d-1", "A", SENT.plusSeconds(60));
    topology.send(Topics.SHOP_ORDERS, "c1", naming(d, "o-1", SENT.plus(Duration.ofDays(6)), 5_000));

    assertThat(converted(topology, "A")).isZero();
  }

  @Test
  void anOrderNamingAnUnclickedDeliveryOfTwoDaysBeforeIsNotCreditedToIt() {
    Delivery d = sent(topology, "d-1", "A");
    topology.send(Topics.SHOP_ORDERS, "c1", naming(d, "o-1", SENT.plus(Duration.ofDays(2)), 5_000));

    assertThat(converted(topology, "A")).isZero();
  }

  @Test
  void anOrderNamingADeliveryWithinTheWindowGetsItOverALaterClickOfAnother() {
    Delivery named = sentAndClicked(topology, "d-1", "A", SENT.plus(Duration.ofHours(1)));
    sentAndClicked(topology, "d-2", "B", SENT.plus(Duration.ofHours(2)));
    topology.send(Topics.SHOP_ORDERS, "c1", naming(named, "o-1", SENT.plus(Duration.ofHours(3)), 5_000));

    assertThat(clickRevenue(topology, "A")).isEqualTo(5_000);
    assertThat(converted(topology, "B")).isZero();
  }

  @Test
  void anOrderNamingADeliveryOutsideTheWindowGoesToTheLastClickWithinIt() {
    Delivery stale = sent(topology, "d-1", "A");
    sentAndClicked(topology, "d-2", "B", SENT.plus(Duration.ofDays(2)));
    topology.send(Topics.SHOP_ORDERS, "c1", naming(stale, "o-1", SENT.plus(Duration.ofDays(3)), 5_000));

    assertThat(converted(topology, "A")).isZero();
    assertThat(clickRevenue(topology, "B")).isEqualTo(5_000);
  }

  @Test
  void withATenDayClickWindowAClickSixDaysBeforeTheOrderGetsTheCredit() {
    Delivery d = sentAndClicked(longer, "d-1", "A", SENT.plusSeconds(60));
    longer.send(Topics.SHOP_ORDERS, "c1", order(SHOP, "c1", "o-1", SENT.plus(Duration.ofDays(6)), 5_000));
    longer.send(Topics.SHOP_ORDERS, "c1", naming(d, "o-2", SENT.plus(Duration.ofDays(7)), 1_000));

    assertThat(clickRevenue(longer, "A")).isEqualTo(6_000);
  }

  @Test
  void withAThreeDayViewWindowAnUnclickedDeliveryGetsAnOrderTwoDaysLaterButNotFourDaysLater() {
    sent(longer, "d-1", "A");
    longer.send(Topics.SHOP_ORDERS, "c1", order(SHOP, "c1", "o-1", SENT.plus(Duration.ofDays(2)), 2_000));
    longer.send(Topics.SHOP_ORDERS, "c1", order(SHOP, "c1", "o-2", SENT.plus(Duration.ofDays(4)), 3_000));

    long[] funnel = funnel(longer, "A");
    assertThat(Counters.get(funnel, FunnelMeasure.VIEW_ORDERS.ordinal())).isEqualTo(1);
    assertThat(Counters.get(funnel, FunnelMeasure.VIEW_REVENUE.ordinal())).isEqualTo(2_000);
  }

  private static Delivery sent(TopologyFixture topology, String deliveryId, String variant) {
    UpsellTrigger t = trigger(SHOP, "c1", "t-" + deliveryId, TriggerType.WIN_BACK, variant, false, SENT);
    Delivery d = delivery(t, deliveryId, DeliveryStatus.SENT, SENT);
    topology.send(Topics.UPSELL_TRIGGERS, "c1", t);
    topology.send(Topics.NOTIFY_DELIVERIES, "c1", d);
    return d;
  }

  private static Delivery sentAndClicked(TopologyFixture topology, String deliveryId, String variant, Instant click) {
    Delivery d = sent(topology, deliveryId, variant);
    topology.send(Topics.ENGAGEMENT_EVENTS, "c1", engagement(d, EngagementType.CLICKED, click));
    return d;
  }

  private static OrderEvent naming(Delivery d, String orderId, Instant at, long totalMinor) {
    OrderEvent event = order(SHOP, "c1", orderId, at, totalMinor);
    ((OrderPlaced) event.getEvent()).setNotificationId(d.getDeliveryId());
    return event;
  }

  private static long[] funnel(TopologyFixture topology, String variant) {
    return topology.daily(StoreKeys.FUNNEL, SENT, "WIN_BACK|" + variant);
  }

  private static long converted(TopologyFixture topology, String variant) {
    return Counters.get(funnel(topology, variant), FunnelMeasure.CONVERTED.ordinal());
  }

  private static long clickRevenue(TopologyFixture topology, String variant) {
    return Counters.get(funnel(topology, variant), FunnelMeasure.CLICK_REVENUE.ordinal());
  }
}
