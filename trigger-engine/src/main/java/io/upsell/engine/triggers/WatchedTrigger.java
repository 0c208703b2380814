package io.upsell.engine.triggers;

import io.upsell.engine.topology.EngineContext;
import io.upsell.engine.topology.StateSerde;
import io.upsell.engine.topology.StateStores;
import io.upsell.engine.topology.StoreReader;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.util.List;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A trigger that keeps a {@link Watch} per customer in its own store: a due timer holds only while its source event
 * is still the latest one and no exit event followed it.
 */
abstract class WatchedTrigger<V> implements Trigger {

  /** The store of this trigger's watches; named after the trigger. */
  final String storeName() {
    return type().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** The records this trigger reads. */
  abstract KStream<String, V> source(EngineContext engine);

  /** Reads one input record: updates this trigger's watches and emits its candidates through {@code detector}. */
  abstract void detect(Record<String, V> record, Detector<V> detector);

  /** The watch a due timer is checked against; the customer's own by default. */
  String watchKey(UpsellTrigger due) {
    return CustomerKey.of(due);
  }

  @Override
  public final KStream<String, UpsellTrigger> addTo(EngineContext engine) {
    StateStores.add(engine.sources().builder(), storeName(), StateSerde.of(Watch.class, Watch.CODEC));
    return source(engine).process(() -> new Detector<V>(engine) {
      @Override
      public void process(Record<String, V> record) {
        detect(record, this);
      }
    }, storeName());
  }

  @Override
  public final List<String> stores() {
    return List.of(storeName());
  }

  @Override
  public boolean stillHolds(UpsellTrigger due, StoreReader stores) {
    Watch watch = stores.<KeyValueStore<String, Watch>>store(storeName()).get(watchKey(due));
    return watch != null && watch.stillOpen(due.getSourceEventIds().get(0));
  }

  /** The watch stored under {@code key}, or a fresh one. */
  static Watch watchOf(KeyValueStore<String, Watch> watches, String key) {
    Watch watch = watches.get(key);
    return watch == null ? new Watch() : watch;
  }
}
