package io.upsell.analytics.stream;

import static io.upsell.analytics.fixtures.Events.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.analytics.kpi.Counters;
import io.upsell.analytics.kpi.Granularity;
import io.upsell.analytics.kpi.Measure;
import io.upsell.schemas.topics.Topics;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which period's bucket an order lands in, read back from the stores as the queries read them (TopologyTestDriver):
 * days before 1970 keep their own keys in time order, and a week or month counts a customer of several of its
 * days once.
 */
class CalendarBucketsTest {

  private static final String SHOP = "shop-cal";
  private static final ZoneId ZONE = ZoneId.of("America/New_York");

  @RegisterExtension
  final TopologyFixture topology = new TopologyFixture(SHOP, ZONE);

  @Test
  void ordersBefore1970LandInTheirOwnDaysAndKeepTheirOrder() {
    Instant in1965 = local(1965, 6, 1, 12);
    Instant lastDayOf1969 = local(1969, 12, 31, 12);
    Instant firstDayOf1970 = local(1970, 1, 1, 12);
    send("c3", "o-3", firstDayOf1970, 4_000);
    send("c2", "o-2", lastDayOf1969, 2_000);
    send("c1", "o-1", in1965, 1_000);

    assertThat(value(Granularity.DAY, in1965, Measure.GROSS)).isEqualTo(1_000);
    assertThat(value(Granularity.DAY, lastDayOf1969, Measure.GROSS)).isEqualTo(2_000);
    assertThat(value(Granularity.DAY, firstDayOf1970, Measure.GROSS)).isEqualTo(4_000);
    assertThat(value(Granularity.MONTH, lastDayOf1969, Measure.CUSTOMERS)).isEqualTo(1);
    assertThat(topology.periodsStored(Granularity.DAY)).containsExactly(dayOf(in1965), dayOf(lastDayOf1969),
        dayOf(firstDayOf1970));
  }

  @Test
  void anOrderDatedBeyondThePeriodsStoredIsRefusedAndNothingOfItIsWritten() {
    send("c1", "o-far", Instant.parse("-20000-01-01T00:00:00Z"), 9_000);
    Instant in2025 = local(2025, 3, 4, 12);
    send("c1", "o-1", in2025, 1_000);

    assertThat(topology.periodsStored(Granularity.DAY)).containsExactly(dayOf(in2025));
    assertThat(value(Granularity.DAY, in2025, Measure.NEW_CUSTOMERS)).isEqualTo(1);
  }

  @Test
  void aCustomerOfSeveralDaysOfAWeekCountsOnceAsNewOrReturningInTheWeekAndMonth() {
    Instant monday = local(2025, 3, 3, 10);
    Instant wednesday = local(2025, 3, 5, 10);
    Instant friday = local(2025, 3, 7, 10);
    send("c-old", "o-0", local(2025, 2, 20, 10), 500);
    send("c-new", "o-1", monday, 1_000);
    send("c-new", "o-2", wednesday, 1_000);
    send("c-new", "o-3", friday, 1_000);
    send("c-old", "o-4", wednesday, 700);
    send("c-old", "o-5", friday, 700);

    assertThat(value(Granularity.DAY, wednesday, Measure.CUSTOMERS)).isEqualTo(2);
    assertThat(value(Granularity.DAY, wednesday, Measure.RETURNING_CUSTOMERS)).isEqualTo(2);
    assertThat(value(Granularity.WEEK, friday, Measure.CUSTOMERS)).isEqualTo(2);
    assertThat(value(Granularity.WEEK, friday, Measure.NEW_CUSTOMERS)).isEqualTo(1);
    assertThat(value(Granularity.WEEK, friday, Measure.RETURNING_CUSTOMERS)).isEqualTo(1);
    assertThat(value(Granularity.WEEK, friday, Measure.ORDERS)).isEqualTo(5);
    assertThat(value(Granularity.MONTH, friday, Measure.CUSTOMERS)).isEqualTo(2);
    assertThat(value(Granularity.MONTH, friday, Measure.NEW_CUSTOMERS)).isEqualTo(1);
    assertThat(value(Granularity.MONTH, friday, Measure.RETURNING_CUSTOMERS)).isEqualTo(1);
    assertThat(value(Granularity.MONTH, local(2025, 2, 20, 10), Measure.NEW_CUSTOMERS)).isEqualTo(1);
  }

  private void send(String customer, String orderId, Instant at, long totalMinor) {
    topology.send(Topics.SHOP_ORDERS, customer, order(SHOP, customer, orderId, at, totalMinor));
  }

  private long value(Granularity g, Instant at, Measure measure) {
    return Counters.get(topology.bucket(g, at), measure.ordinal());
  }

  private static long dayOf(Instant at) {
    return Granularity.DAY.periodOf(at.toEpochMilli(), ZONE);
  }

  private static Instant local(int year, int month, int day, int hour) {
    return LocalDateTime.of(year, month, day, hour, 0).atZone(ZONE).toInstant();
  }
}
