package io.upsell.analytics.stream;

import io.upsell.analytics.kpi.Counters;
import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.analytics.report.DigestScheduler;
import io.upsell.analytics.report.ReportSettings;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.shop.MarketingSpend;
import io.upsell.schemas.topics.Topic;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.ShopRules;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
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
      StoreKeys.LIFT, StoreKeys.SEND_HOURS);

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
      sources[i] = "source-" + topic.name();
      topology.addSource(sources[i], serdes.keySerde().deserializer(), serdes.valueSerde(topic).deserializer(),
          topic.name());
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

  // Counters are small and read on every query: in memory, restored from their changelog after a restart. The record
  // cache folds the many updates of a shop's hot period keys between two commits into one changelog record.
  private static org.apache.kafka.streams.state.StoreBuilder<KeyValueStore<String, long[]>> counterStore(
      String name, EventSerdes serdes) {
    return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), serdes.keySerde(), Counters.serde())
        .withCachingEnabled();
  }

}
