package io.upsell.analytics.stream;

import io.upsell.analytics.fixtures.Events;
import io.upsell.analytics.kpi.Counters;
import io.upsell.analytics.kpi.Granularity;
import io.upsell.analytics.kpi.Measure;
import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topic;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real analytics topology in a TopologyTestDriver (no broker) for one shop in one zone, and its stores; a JUnit
 * extension ({@code @RegisterExtension}) that gives each test a fresh one.
 */
final class TopologyFixture implements BeforeEachCallback, AfterEachCallback {

  private final EventSerdes serdes = EventSerdes.singleObject();
  private final String shop;
  private final ZoneId zone;
  private final AnalyticsSettings settings;
  private TopologyTestDriver driver;

  TopologyFixture(String shop, ZoneId zone) {
    this(shop, zone, AnalyticsSettings.defaults(id -> zone, Events::currencyOf));
  }

  /** With other settings than the defaults (attribution windows ...). */
  TopologyFixture(String shop, ZoneId zone, AnalyticsSettings settings) {
    this.shop = shop;
    this.zone = zone;
    this.settings = settings;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "analytics-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("analytics-ttd").toString());
    driver = new TopologyTestDriver(AnalyticsTopology.build(serdes, settings), props);
  }

  <V extends SpecificRecord> void send(Topic<V> topic, String customer, V value) {
    driver.createInputTopic(topic.name(), serdes.keySerde().serializer(), serdes.valueSerde(topic).serializer())
        .pipeInput(Keys.customer(shop, customer), value);
  }

  /** The KPI counters of the period of {@code at}; a week's or month's summed from its days, as queries read them. */
  long[] bucket(Granularity g, Instant at) {
    long period = g.periodOf(at.toEpochMilli(), zone);
    if (g.stored()) {
      return store(StoreKeys.BUCKETS).get(StoreKeys.bucket(shop, g, period));
    }
    long end = Granularity.id(g.next(Granularity.local(period)));
    long[] days = null;
    try (var entries = store(StoreKeys.BUCKETS).range(StoreKeys.bucket(shop, Granularity.DAY, period),
        StoreKeys.bucket(shop, Granularity.DAY, end - 1))) {
      while (entries.hasNext()) {
        days = Counters.plus(days, entries.next().value);
      }
    }
    return days == null ? null : Measure.periodOfDays(g, days);
  }

  /** The counters of a day-keyed store ({@code suffix}: product, funnel group, ...) on the day of {@code day}. */
  long[] daily(String storeName, Instant day, String suffix) {
    return store(storeName).get(StoreKeys.daily(shop, Granularity.DAY.periodOf(day.toEpochMilli(), zone), suffix));
  }

  /** Every entry of a day-keyed store on the day of {@code day}. */
  Map<String, long[]> day(String storeName, Instant day) {
    long id = Granularity.DAY.periodOf(day.toEpochMilli(), zone);
    Map<String, long[]> entries = new TreeMap<>();
    try (var range = store(storeName).range(StoreKeys.dailyFrom(shop, id), StoreKeys.dailyTo(shop, id + 1))) {
      range.forEachRemaining(entry -> entries.put(entry.key, entry.value));
    }
    return entries;
  }

  /** The period ids of the shop's stored hour or day buckets, in the order a range scan of the store gives them. */
  List<Long> periodsStored(Granularity g) {
    List<Long> periods = new ArrayList<>();
    try (var range = store(StoreKeys.BUCKETS).range(StoreKeys.bucket(shop, g, StoreKeys.FIRST_PERIOD),
        StoreKeys.bucket(shop, g, StoreKeys.LAST_PERIOD))) {
      range.forEachRemaining(entry -> periods.add(StoreKeys.periodId(StoreKeys.parts(entry.key)[2])));
    }
    return periods;
  }

  /** The state-layout marker of the task's buckets (null: not written). */
  long[] layoutMarker() {
    return store(StoreKeys.BUCKETS).get(StateLayout.MARKER);
  }

  /** The coupon ledger's state of one of the shop's codes (null: none). */
  io.upsell.schemas.analytics.CouponState coupon(String code) {
    KeyValueStore<String, io.upsell.schemas.analytics.CouponState> coupons = driver.getKeyValueStore(StoreKeys.COUPONS);
    return coupons.get(StoreKeys.coupon(shop, code));
  }

  private KeyValueStore<String, long[]> store(String name) {
    return driver.getKeyValueStore(name);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    driver.close();
  }
}
