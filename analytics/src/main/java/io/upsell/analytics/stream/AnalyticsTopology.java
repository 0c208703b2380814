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
import org.apache.avro.specific.SpecificRecord;
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
 * The analytics topology: customer-scoped topics merged (they are co-partitioned) into one processor that keeps
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

  private AnalyticsTopology() {}

  public static Topology build(EventSerdes serdes, AnalyticsSettings settings) {
    return build(serdes, settings, null);
  }

  /** With {@code reports} (null: none), the digest schedule rides on the shop-keyed spend partitions. */
  public static Topology build(EventSerdes serdes, AnalyticsSettings settings, ReportSettings reports) {
    StreamsBuilder builder = new StreamsBuilder();
    // RocksDB flushes its memtable on every commit (10 times a second under exactly-once): 30x slower here.
    // No record cache: a customer rarely comes back within one commit, so it would only add a copy per event.
    builder.addStateStore(Stores.keyValueStoreBuilder(settings.persistentCustomers()
            ? Stores.persistentKeyValueStore(StoreKeys.CUSTOMERS) : Stores.inMemoryKeyValueStore(StoreKeys.CUSTOMERS),
        serdes.keySerde(), CustomerStateSerde.serde()));
    for (String store : COUNTER_STORES) {
      builder.addStateStore(counterStore(store, serdes));
    }
    builder.addStateStore(counterStore(StoreKeys.SPEND, serdes));

    KStream<String, SpecificRecord> activity = null;
    for (Topic<?> topic : CUSTOMER_INPUTS) {
      KStream<String, SpecificRecord> stream = stream(builder, serdes, topic);
      activity = activity == null ? stream : activity.merge(stream);
    }
    String[] stores = new String[COUNTER_STORES.size() + 1];
    stores[0] = StoreKeys.CUSTOMERS;
    for (int i = 0; i < COUNTER_STORES.size(); i++) {
      stores[i + 1] = COUNTER_STORES.get(i);
    }
    activity.process(() -> new CustomerActivity(settings), stores);

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
    return builder.build();
  }

  // Counters are small and read on every query: in memory, restored from their changelog after a restart. The record
  // cache folds the many updates of a shop's hot period keys between two commits into one changelog record.
  private static org.apache.kafka.streams.state.StoreBuilder<KeyValueStore<String, long[]>> counterStore(
      String name, EventSerdes serdes) {
    return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), serdes.keySerde(), Counters.serde())
        .withCachingEnabled();
  }

  @SuppressWarnings("unchecked")
  private static <V extends SpecificRecord> KStream<String, SpecificRecord> stream(StreamsBuilder builder,
      EventSerdes serdes, Topic<V> topic) {
    KStream<String, V> stream = builder.stream(topic.name(), Consumed.with(serdes.keySerde(), serdes.valueSerde(topic)));
    return (KStream<String, SpecificRecord>) (KStream<String, ?>) stream;
  }
}
