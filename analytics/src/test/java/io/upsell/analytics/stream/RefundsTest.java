package io.upsell.analytics.stream;

import io.upsell.analytics.fixtures.Events;

import static io.upsell.analytics.fixtures.Events.delivery;
import static io.upsell.analytics.fixtures.Events.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.analytics.kpi.Counters;
import io.upsell.analytics.kpi.FunnelMeasure;
import io.upsell.analytics.kpi.Granularity;
import io.upsell.analytics.kpi.Measure;
import io.upsell.analytics.kpi.ProductKeys;
import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.notify.DeliveryStatus;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.shop.OrderRefunded;
import io.upsell.schemas.shop.SalesChannel;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A refund is taken back from every breakdown it belongs to: shop, channel, products, categories, upsell credit. */
class RefundsTest {

  private static final String SHOP = "shop-r";
  private static final ZoneId ZONE = ZoneId.of("Asia/Riyadh");
  private static final Instant ORDERED = LocalDateTime.of(2025, 11, 3, 10, 0).atZone(ZONE).toInstant();
  private static final Instant REFUNDED = ORDERED.plus(Duration.ofDays(1));

  @RegisterExtension
  final TopologyFixture topology = new TopologyFixture(SHOP, ZONE);

  @Test
  void aRefundIsTakenFromTheChannelOfTheOrderItNames() {
    placed("o-mail", SalesChannel.EMAIL, line("mug", "kitchen", 2, 1_500));
    placed("o-social", SalesChannel.SOCIAL, line("mug", "kitchen", 1, 1_500));

    refunded("o-mail", 1_200, List.of());

    long[] day = topology.bucket(Granularity.DAY, REFUNDED);
    assertThat(get(day, Measure.REFUNDS)).isEqualTo(1_200);
    assertThat(get(day, Measure.REFUNDS_EMAIL)).isEqualTo(1_200);
    assertThat(get(day, Measure.REFUNDS_SOCIAL)).isZero();
    assertThat(get(topology.bucket(Granularity.MONTH, REFUNDED), Measure.REFUNDS_EMAIL)).isEqualTo(1_200);
  }

  @Test
  void aRefundOfAnOrderNotKnownHereCountsUnderAnUnknownChannel() {
    refunded("o-before-our-time", 700, List.of());

    long[] day = topology.bucket(Granularity.DAY, REFUNDED);
    assertThat(get(day, Measure.REFUNDS)).isEqualTo(700);
    assertThat(get(day, Measure.REFUNDS_UNKNOWN_CHANNEL)).isEqualTo(700);
  }

  @Test
  void aRefundIsSpreadOverItsLinesByValueToTheCent() {
    placed("o-1", SalesChannel.DIRECT, line("mug", "kitchen", 1, 1_000), line("plate", "kitchen", 1, 1_000),
        line("lamp", "light", 1, 1_000));

    refunded("o-1", 1_000, List.of(line("mug", "kitchen", 1, 1_000), line("plate", "kitchen", 1, 1_000),
        line("lamp", "light", 1, 1_000)));

    assertThat(product(REFUNDED, "P|mug")).containsExactly(0, 0, 1, 334);
    assertThat(product(REFUNDED, "P|plate")).containsExactly(0, 0, 1, 333);
    assertThat(product(REFUNDED, "P|lamp")).containsExactly(0, 0, 1, 333);
    assertThat(product(REFUNDED, "C|kitchen")).containsExactly(0, 0, 2, 667);
    assertThat(product(REFUNDED, "C|light")).containsExactly(0, 0, 1, 333);
    assertThat(product(ORDERED, "P|mug")).containsExactly(1, 1_000, 0, 0);
  }

  @Test
  void aRefundNamingNoLinesIsBookedAsRefundsOfNoProduct() {
    placed("o-1", SalesChannel.DIRECT, line("mug", "kitchen", 1, 1_000));

    refunded("o-1", 400, List.of());

    assertThat(product(REFUNDED, ProductKeys.UNALLOCATED)).containsExactly(0, 0, 0, 400);
    assertThat(product(REFUNDED, "P|mug")).isNull();
  }

  @Test
  void aRefundedUpsellOrderEarnsTheMessageOnlyWhatWasKept() {
    UpsellTrigger t = trigger(SHOP, "c1", "t-1", TriggerType.WIN_BACK, "A", false, ORDERED);
    topology.send(Topics.UPSELL_TRIGGERS, "c1", t);
    topology.send(Topics.NOTIFY_DELIVERIES, "c1", delivery(t, "d-1", DeliveryStatus.SENT, ORDERED));
    placed("o-1", SalesChannel.EMAIL, line("mug", "kitchen", 2, 1_500));
    assertThat(attributedRevenue()).isEqualTo(3_000);

    refunded("o-1", 1_500, List.of(line("mug", "kitchen", 1, 1_500)));

    assertThat(attributedRevenue()).isEqualTo(1_500);
  }

  @Test
  void sharesOfARefundAlwaysAddUpToIt() {
    List<LineItem> lines = List.of(line("a", null, 3, 333), line("b", null, 1, 7), line("c", null, 2, 0));
    for (long amount = 0; amount < 3_000; amount += 37) {
      long[] shares = Refunds.shares(amount, lines);
      assertThat(shares[0] + shares[1] + shares[2]).isEqualTo(amount);
      assertThat(shares[2]).isZero();
    }
    assertThat(Refunds.shares(100, List.of(line("free", null, 1, 0)))).isNull();
  }

  private long attributedRevenue() {
    return Counters.get(topology.daily(StoreKeys.FUNNEL, ORDERED, "WIN_BACK|A"),
        FunnelMeasure.ATTRIBUTED_REVENUE.ordinal());
  }

  /** A product's ({@code P|id}) or category's ({@code C|name}) counters on a day, as the top-products query sums them. */
  private long[] product(Instant day, String seller) {
    return ProductKeys.sellers(topology.day(StoreKeys.PRODUCTS, day)).get(seller);
  }

  private void placed(String orderId, SalesChannel channel, LineItem... lines) {
    long total = 0;
    for (LineItem line : lines) {
      total += line.getQuantity() * line.getUnitPriceMinor();
    }
    topology.send(Topics.SHOP_ORDERS, "c1", new OrderEvent(OrderPlaced.newBuilder().setShopId(SHOP)
        .setCustomerId("c1").setEventId("e-" + orderId).setOccurredAt(ORDERED).setOrderId(orderId)
        .setLines(List.of(lines)).setTotalMinor(total).setCurrency(Events.currencyOf(SHOP)).setChannel(channel).build()));
  }

  private void refunded(String orderId, long amount, List<LineItem> lines) {
    topology.send(Topics.SHOP_ORDERS, "c1", new OrderEvent(OrderRefunded.newBuilder().setShopId(SHOP)
        .setCustomerId("c1").setEventId("r-" + orderId).setOccurredAt(REFUNDED).setOrderId(orderId).setLines(lines)
        .setRefundMinor(amount).setCurrency(Events.currencyOf(SHOP)).build()));
  }

  private static LineItem line(String product, String category, int quantity, long unitPriceMinor) {
    return LineItem.newBuilder().setProductId(product).setCategory(category).setQuantity(quantity)
        .setUnitPriceMinor(unitPriceMinor).build();
  }

  private static long get(long[] counters, Measure measure) {
    return Counters.get(counters, measure.ordinal());
  }
}
