package io.upsell.analytics.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsell.analytics.kpi.Granularity;
import io.upsell.analytics.stream.CustomerState.GroupFact;
import io.upsell.analytics.stream.CustomerState.OrderFact;
import io.upsell.schemas.shop.SalesChannel;
import org.junit.jupiter.api.Test;

/** A customer history survives its binary encoding whole; bytes of another format (old Smile state) are refused. */
class CustomerStateSerdeTest {

  @Test
  void everyPartOfAHistoryComesBackFromItsBinaryForm() {
    CustomerState state = new CustomerState();
    state.firstOrderAt = 1_700_000_000_000L;
    state.addPeriod(Granularity.DAY, 1_700_006_400L);
    state.addPeriod(Granularity.DAY, 1_699_920_000L);
    state.addPeriod(Granularity.MONTH, 1_698_796_800L);
    state.addOrder(new OrderFact("o-1", 1_700_000_000_000L, 2_500, "d-1", SalesChannel.EMAIL, 500));
    state.addOrder(new OrderFact("o-0", 1_699_000_000_000L, 1_000, null, SalesChannel.DIRECT, 0));
    state.episodes(CustomerActivity.SESSION).seen("s-1", 1_699_999_000_000L, state.orderTimes(), 7_200_000);
    var delivery = state.delivery("d-1");
    delivery.triggerId = "t-1";
    delivery.type = "CART_ABANDONED";
    delivery.variant = "A";
    delivery.sentAt = 1_699_999_500_000L;
    delivery.clickedAt = 1_699_999_600_000L;
    state.group = new GroupFact("T", 1_699_999_000_000L, "CART_ABANDONED", "A");
    state.timeZone = "Asia/Riyadh";

    CustomerState read = CustomerStateSerde.read("t", CustomerStateSerde.write(state));

    assertThat(read.firstOrderAt).isEqualTo(state.firstOrderAt);
    assertThat(read.periods).isDeepEqualTo(state.periods);
    assertThat(read.hasPeriod(Granularity.DAY, 1_699_920_000L)).isTrue();
    assertThat(read.orders).containsExactlyElementsOf(state.orders);
    assertThat(read.orders.get(0).orderId()).isEqualTo("o-0");
    assertThat(read.episodes(CustomerActivity.SESSION).byStart).isEqualTo(state.episodes.get("SESSION").byStart);
    assertThat(read.episodes(CustomerActivity.SESSION).converted).containsExactly("s-1");
    assertThat(read.deliveries.get("d-1")).usingRecursiveComparison().isEqualTo(delivery);
    assertThat(read.group).isEqualTo(state.group);
    assertThat(read.timeZone).isEqualTo("Asia/Riyadh");
  }

  @Test
  void aHistoryOfAnUnknownFormatIsRefusedNotMisread() {
    byte[] smile = {':', ')', '\n', 0x05};

    assertThatThrownBy(() -> CustomerStateSerde.read("t", smile)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown customer history format");
  }
}
