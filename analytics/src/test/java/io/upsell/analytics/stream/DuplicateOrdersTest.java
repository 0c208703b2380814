package io.upsell.analytics.stream;

import static io.upsell.analytics.fixtures.Events.cancellation;
import static io.upsell.analytics.fixtures.Events.order;
import static io.upsell.analytics.fixtures.Events.refund;
import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.analytics.kpi.Counters;
import io.upsell.analytics.kpi.Granularity;
import io.upsell.analytics.kpi.Measure;
import io.upsell.schemas.shop.OrderCancelled;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.SalesChannel;
import io.upsell.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An order imported again (ingest remembers event ids for 7 days only, so last year's orders imported twice reach
 * analytics twice, under new or the same event ids) counts once; a cancellation once per order, a refund once per
 * event id (Shopify's is its refund id).
 */
class DuplicateOrdersTest {

  private static final String SHOP = "shop-d";
  private static final ZoneId ZONE = ZoneId.of("Europe/London");
  private static final Instant DAY = LocalDateTime.of(2024, 3, 12, 10, 0).atZone(ZONE).toInstant();

  @RegisterExtension
  final TopologyFixture topology = new TopologyFixture(SHOP, ZONE);

  @Test
  void anOrderIdSentTwiceCountsOnce() {
    topology.send(Topics.SHOP_ORDERS, "c1", order(SHOP, "c1", "o-1", DAY, 2_500, 2, SalesChannel.DIRECT));
    topology.send(Topics.SHOP_ORDERS, "c1", order(SHOP, "c1", "o-2", DAY.plusSeconds(60), 1_000));
    // The import of the same orders again, a year later: new event ids, the same order ids.
    topology.send(Topics.SHOP_ORDERS, "c1", order(SHOP, "c1", "o-1", DAY, 2_500, 2, SalesChannel.DIRECT));
    topology.send(Topics.SHOP_ORDERS, "c1", order(SHOP, "c1", "o-2", DAY.plusSeconds(60), 1_000));

    long[] day = topology.bucket(Granularity.DAY, DAY);
    assertThat(Counters.get(day, Measure.GROSS.ordinal())).isEqualTo(6_000);
    assertThat(Counters.get(day, Measure.ORDERS.ordinal())).isEqualTo(2);
    assertThat(Counters.get(day, Measure.UNITS.ordinal())).isEqualTo(3);
    assertThat(Counters.get(day, Measure.CUSTOMERS.ordinal())).isEqualTo(1);
    assertThat(Counters.get(topology.bucket(Granularity.MONTH, DAY), Measure.GROSS.ordinal())).isEqualTo(6_000);
  }

  @Test
  void aCancellationCountsOncePerOrderAlsoUnderAnotherEventId() {
    topology.send(Topics.SHOP_ORDERS, "c1", order(SHOP, "c1", "o-1", DAY, 5_000));
    topology.send(Topics.SHOP_ORDERS, "c1", order(SHOP, "c1", "o-2", DAY, 3_000));
    topology.send(Topics.SHOP_ORDERS, "c1",
        withEventId(cancellation(SHOP, "c1", "o-1", DAY.plus(Duration.ofHours(1)), 1_500), "x-1"));
    topology.send(Topics.SHOP_ORDERS, "c1",
        withEventId(cancellation(SHOP, "c1", "o-1", DAY.plus(Duration.ofHours(1)), 1_500), "x-1"));
    // The same history imported again: the same cancellation under another event id.
    topology.send(Topics.SHOP_ORDERS, "c1",
        withEventId(cancellation(SHOP, "c1", "o-1", DAY.plus(Duration.ofHours(1)), 1_500), "import-2-x-1"));
    topology.send(Topics.SHOP_ORDERS, "c1",
        withEventId(cancellation(SHOP, "c1", "o-2", DAY.plus(Duration.ofHours(2)), 3_000), "x-2"));

    long[] day = topology.bucket(Granularity.DAY, DAY);
    assertThat(Counters.get(day, Measure.REFUNDS.ordinal())).isEqualTo(4_500);
    assertThat(Counters.get(day, Measure.CANCELLATIONS.ordinal())).isEqualTo(2);
  }

  @Test
  void eachRefundOfAnOrderCountsOnceByItsEventId() {
    topology.send(Topics.SHOP_ORDERS, "c1", order(SHOP, "c1", "o-1", DAY, 5_000));
    topology.send(Topics.SHOP_ORDERS, "c1", refund(SHOP, "c1", "shopify-refund-1", "o-1", DAY.plusSeconds(60), 700));
    topology.send(Topics.SHOP_ORDERS, "c1", refund(SHOP, "c1", "shopify-refund-1", "o-1", DAY.plusSeconds(60), 700));
    topology.send(Topics.SHOP_ORDERS, "c1", refund(SHOP, "c1", "shopify-refund-2", "o-1", DAY.plusSeconds(90), 300));

    long[] day = topology.bucket(Granularity.DAY, DAY);
    assertThat(Counters.get(day, Measure.REFUNDS.ordinal())).isEqualTo(1_000);
    assertThat(Counters.get(day, Measure.REFUND_EVENTS.ordinal())).isEqualTo(2);
  }

  @Test
  void anOrderIdSentAgainAfterTheHistoryForgotItCountsOnce() {
    int orders = 30; // more than the history keeps (20): the first ones are known from the counted-orders store
    for (int i = 0; i < orders; i++) {
      topology.send(Topics.SHOP_ORDERS, "c1", order(SHOP, "c1", "o-" + i, DAY.plusSeconds(60L * i), 1_000));
    }
    for (int i = 0; i < orders; i++) {
      topology.send(Topics.SHOP_ORDERS, "c1", order(SHOP, "c1", "o-" + i, DAY.plusSeconds(60L * i), 1_000));
    }

    long[] day = topology.bucket(Granularity.DAY, DAY);
    assertThat(Counters.get(day, Measure.ORDERS.ordinal())).isEqualTo(orders);
    assertThat(Counters.get(day, Measure.GROSS.ordinal())).isEqualTo(orders * 1_000L);
  }

  @Test
  void theSameOrderIdOfAnotherShopOrCustomerIsAnotherOrder() {
    topology.send(Topics.SHOP_ORDERS, "c1", order(SHOP, "c1", "o-1", DAY, 1_000));
    topology.send(Topics.SHOP_ORDERS, "c2", order(SHOP, "c2", "o-1", DAY, 1_000));

    assertThat(Counters.get(topology.bucket(Granularity.DAY, DAY), Measure.ORDERS.ordinal())).isEqualTo(2);
  }

  private static OrderEvent withEventId(OrderEvent event, String eventId) {
    ((OrderCancelled) event.getEvent()).setEventId(eventId);
    return event;
  }
}
