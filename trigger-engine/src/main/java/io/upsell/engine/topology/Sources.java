package io.upsell.engine.topology;

import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.shop.CartEvent;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topic;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Each input topic is subscribed once and handed to every trigger that reads it (a topic may have only one source
 * in a topology); the scope filter keeps a backtest to its shop and time range.
 */
public final class Sources {

  private final StreamsBuilder builder;
  private final EventSerdes serdes;
  private final Scope scope;
  private final boolean backtest;
  private final Map<Topic<?>, KStream<String, ?>> streams = new HashMap<>();
  private KStream<String, OrderEvent> ordersByShop;
  private KStream<String, CartEvent> cartsByShop;

  public Sources(StreamsBuilder builder, EventSerdes serdes, Scope scope) {
    this(builder, serdes, scope, false);
  }

  /** {@code backtest}: the topology replays history for a report (its stores need not survive a restart). */
  public Sources(StreamsBuilder builder, EventSerdes serdes, Scope scope, boolean backtest) {
    this.backtest = backtest;
    this.builder = builder;
    this.serdes = serdes;
    this.scope = scope;
    builder.globalTable(Topics.UPSELL_RULES.name(), Consumed.with(serdes.keySerde(), serdes.valueSerde(Topics.UPSELL_RULES)),
        global(EngineContext.RULES));
    builder.globalTable(Topics.CATALOG_PRODUCTS.name(),
        Consumed.with(serdes.keySerde(), serdes.valueSerde(Topics.CATALOG_PRODUCTS)), global(EngineContext.PRODUCTS));
  }

  // A global table's store; a backtest's is never flushed (its driver flushes after every record read).
  private <V> Materialized<String, V, KeyValueStore<Bytes, byte[]>> global(String name) {
    return backtest ? Materialized.as(StateStores.supplier(this, name)) : Materialized.as(name);
  }

  /** Whether this topology replays history for a backtest's report rather than running live. */
  public boolean backtest() {
    return backtest;
  }

  /** The records of {@code topic} within scope, keyed as on the topic. */
  @SuppressWarnings("unchecked")
  public <V extends SpecificRecord> KStream<String, V> stream(Topic<V> topic) {
    return (KStream<String, V>) streams.computeIfAbsent(topic, t -> {
      KStream<String, V> all = builder.stream(topic.name(), Consumed.with(serdes.keySerde(), serdes.valueSerde(topic)));
      return scope.isEverything() ? all : all.processValues(ScopeFilter.supplier(scope));
    });
  }

  /** Placed orders re-keyed by shop, so per-shop learning sees every order of a shop in one task. */
  public KStream<String, OrderEvent> ordersByShop() {
    if (ordersByShop == null) {
      ordersByShop = stream(Topics.SHOP_ORDERS)
          .filter((key, order) -> order.getEvent() instanceof OrderPlaced)
          .mapValues(BareLines::of)
          .selectKey((key, order) -> Keys.shopOf(key))
          .repartition(Repartitioned.with(serdes.keySerde(), serdes.valueSerde(Topics.SHOP_ORDERS))
              .withName("orders-by-shop").withNumberOfPartitions(Topics.CUSTOMER_PARTITIONS));
    }
    return ordersByShop;
  }

  /** Records of several topics of the same key kind as one stream, for a trigger whose exit event is elsewhere. */
  @SafeVarargs
  public final KStream<String, SpecificRecord> merged(Topic<? extends SpecificRecord>... topics) {
    KStream<String, SpecificRecord> all = null;
    for (Topic<? extends SpecificRecord> topic : topics) {
      KStream<String, SpecificRecord> one = stream(topic).mapValues(v -> (SpecificRecord) v);
      all = all == null ? one : all.merge(one);
    }
    return all;
  }

  /** Item additions re-keyed by shop, next to {@link #ordersByShop()} and the per-shop learning. */
  public KStream<String, CartEvent> cartsByShop() {
    if (cartsByShop == null) {
      cartsByShop = stream(Topics.SHOP_CARTS)
          .filter((key, cart) -> cart.getType() == CartEventType.ITEM_ADDED)
          .mapValues(BareLines::of)
          .selectKey((key, cart) -> Keys.shopOf(key))
          .repartition(Repartitioned.with(serdes.keySerde(), serdes.valueSerde(Topics.SHOP_CARTS))
              .withName("carts-by-shop").withNumberOfPartitions(Topics.CUSTOMER_PARTITIONS));
    }
    return cartsByShop;
  }

  /** Candidates found in a shop-keyed part of the topology, moved back to their customer's partition. */
  public KStream<String, UpsellTrigger> toCustomers(KStream<String, UpsellTrigger> candidates, String name) {
    return candidates.repartition(Repartitioned.with(serdes.keySerde(), serdes.valueSerde(Topics.UPSELL_TRIGGERS))
        .withName(name).withNumberOfPartitions(Topics.CUSTOMER_PARTITIONS));
  }

  public StreamsBuilder builder() {
    return builder;
  }
}
