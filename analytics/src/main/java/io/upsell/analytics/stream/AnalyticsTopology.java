package io.upsell.analytics.stream;

import io.upsell.analytics.kpi.Counters;
import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.analytics.report.DigestScheduler;
import io.upsell.analytics.report.ReportSettings;
import io.upsell.schemas.analytics.CouponState;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.MarketingSpend;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topic;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.ShopRules;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The analytics topology: customer-scoped topics (they are co-partitioned) read by one processor that keeps
 * per-partition aggregates; spend per shop; the shop rules as a global table. No windows and no grace period:
 * an event of any age adds to its own period.
 */
public final class AnalyticsTopology {

  /** Customer-scoped topics the aggregates read; all have {@link Topics#CUSTOMER_PARTITIONS} partitions. */
  public static final List<Topic<?>> CUSTOMER_INPUTS = List.of(Topics.SHOP_ORDERS, Topics.SHOP_CARTS,
      Topics.SHOP_VIEWS, Topics.UPSELL_TRIGGERS, Topics.UPSELL_SUPPRESSED, Topics.NOTIFY_DELIVERIES,
      Topics.ENGAGEMENT_EVENTS, Topics.CRM_CUSTOMERS);

  /** Counter stores fed by the customer processor. */
  public static final List<String> COUNTER_STORES = List.of(StoreKeys.BUCKETS, StoreKeys.PRODUCTS, StoreKeys.FUNNEL,
      StoreKeys.LIFT, StoreKeys.SEND_HOURS, StoreKeys.DOWNVOTES, StoreKeys.CURRENCIES);

  /** Counter stores kept beside the coupons: all of a shop's keys in the partition of its id. */
  public static final List<String> SHOP_COUNTER_STORES = List.of(StoreKeys.REDEMPTIONS);

  /** The repartition topic (named by Kafka Streams after this) that brings a shop's code events to one partition. */
  static final String COUPON_EVENTS = "coupon-events";

  /** Name of the processor every customer-scoped event goes through. */
  static final String ACTIVITY = "customer-activity";

  private AnalyticsTopology() {}

  public static Topology build(EventSerdes serdes, AnalyticsSettings settings) {
    return build(serdes, settings, null);
  }

  /** With {@code reports} (null: none), the digest schedule rides on the shop-keyed spend partitions. */
  public static Topology build(EventSerdes serdes, AnalyticsSettings settings, ReportSettings reports) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(counterStore(StoreKeys.SPEND, serdes));
    KStream<String, MarketingSpend> spend = builder.stream(Topics.SHOP_SPEND.name(),
        Consumed.with(serdes.keySerde(), serdes.valueSerde(Topics.SHOP_SPEND)));
    spend.process(SpendProcessor::new, StoreKeys.SPEND);
    if (reports != null) {
      builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(DigestScheduler.SENT),
          serdes.keySerde(), Serdes.Long()));
      spend.process(() -> new DigestScheduler(reports), DigestScheduler.SENT)
          .to(Topics.ANALYTICS_REPORTS.name(),
              Produced.with(serdes.keySerde(), serdes.valueSerde(Topics.ANALYTICS_REPORTS)));
    }
    builder.globalTable(Topics.UPSELL_RULES.name(),
        Consumed.with(serdes.keySerde(), serdes.valueSerde(Topics.UPSELL_RULES)),
        Materialized.<String, ShopRules, KeyValueStore<Bytes, byte[]>>as(StoreKeys.RULES)
            .withKeySerde(serdes.keySerde()).withValueSerde(serdes.valueSerde(Topics.UPSELL_RULES)));
    KStream<String, UpsellTrigger> triggers = builder.stream(Topics.UPSELL_TRIGGERS.name(), Consumed.with(
        serdes.keySerde(), serdes.valueSerde(Topics.UPSELL_TRIGGERS)).withName(source(Topics.UPSELL_TRIGGERS)));
    KStream<String, OrderEvent> orders = builder.stream(Topics.SHOP_ORDERS.name(), Consumed.with(
        serdes.keySerde(), serdes.valueSerde(Topics.SHOP_ORDERS)).withName(source(Topics.SHOP_ORDERS)));
    addCoupons(builder, triggers, orders, serdes, settings);
    Topology topology = builder.build();
    addCustomerActivity(topology, serdes, settings);
    return topology;
  }

  // One processor reads every customer-scoped topic straight from its source (a chain of DSL merges would pass each
  // event through up to seven more nodes).
  private static void addCustomerActivity(Topology topology, EventSerdes serdes, AnalyticsSettings settings) {
    String[] sources = new String[CUSTOMER_INPUTS.size()];
    for (int i = 0; i < sources.length; i++) {
      Topic<?> topic = CUSTOMER_INPUTS.get(i);
      sources[i] = source(topic);
      // Triggers and orders also feed the coupons: their sources are the DSL's (a topic has one source node).
      if (topic != Topics.UPSELL_TRIGGERS && topic != Topics.SHOP_ORDERS) {
        topology.addSource(sources[i], serdes.keySerde().deserializer(), serdes.valueSerde(topic).deserializer(),
            topic.name());
      }
    }
    topology.addProcessor(ACTIVITY, () -> new CustomerActivity(settings), sources);
    // RocksDB flushes its memtable on every commit (10 times a second under exactly-once): 30x slower here.
    // No record cache: a customer rarely comes back within one commit, so it would only add a copy per event.
    topology.addStateStore(Stores.keyValueStoreBuilder(settings.persistentCustomers()
            ? Stores.persistentKeyValueStore(StoreKeys.CUSTOMERS) : CustomerHistoryStore.supplier(StoreKeys.CUSTOMERS),
        serdes.keySerde(), CustomerStateSerde.serde()), ACTIVITY);
    topology.addStateStore(Stores.keyValueStoreBuilder(settings.persistentCustomers()
            ? Stores.persistentKeyValueStore(StoreKeys.COUNTED_ORDERS)
            : CustomerHistoryStore.supplier(StoreKeys.COUNTED_ORDERS), serdes.keySerde(), Serdes.Long()), ACTIVITY);
    for (String store : COUNTER_STORES) {
      topology.addStateStore(counterStore(store, serdes), ACTIVITY);
    }
  }

  private static String source(Topic<?> topic) {
    return "source-" + topic.name();
  }

  // A shop's codes are looked up and exported together, and an order may name a code issued to another customer: the
  // code events move from the customer's partition to the shop's, where one ledger keeps the shop's codes.
  private static void addCoupons(StreamsBuilder builder, KStream<String, UpsellTrigger> triggers,
      KStream<String, OrderEvent> orders, EventSerdes serdes, AnalyticsSettings settings) {
    Serde<CouponState> state = serdes.valueSerde(CouponState.class);
    builder.addStateStore(Stores.keyValueStoreBuilder(settings.persistentCustomers()
        ? Stores.persistentKeyValueStore(StoreKeys.COUPONS) : Stores.inMemoryKeyValueStore(StoreKeys.COUPONS),
        serdes.keySerde(), state));
    builder.addStateStore(counterStore(StoreKeys.REDEMPTIONS, serdes));
    KStream<String, CouponState> issued = triggers.mapValues(CouponEvents::issued);
    KStream<String, CouponState> named = orders.mapValues(CouponEvents::named);
    issued.merge(named).filter((key, event) -> event != null && key != null)
        .selectKey((key, event) -> Keys.shopOf(key))
        .repartition(Repartitioned.<String, CouponState>as(COUPON_EVENTS).withKeySerde(serdes.keySerde())
            .withValueSerde(state))
        .process(() -> new CouponLedger(settings), Named.as("coupon-ledger"), StoreKeys.COUPONS,
            StoreKeys.REDEMPTIONS);
  }

  // Counters are small and read on every query: in memory, restored from their changelog after a restart. The record
  // cache folds the many updates of a shop's hot period keys between two commits into one changelog record.
  private static org.apache.kafka.streams.state.StoreBuilder<KeyValueStore<String, long[]>> counterStore(
      String name, EventSerdes serdes) {
    return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), serdes.keySerde(), Counters.serde())
        .withCachingEnabled();
  }

}
