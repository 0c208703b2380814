package io.upsell.engine.triggers;

import io.upsell.engine.config.ShopSettings;
import io.upsell.engine.topology.EngineContext;
import io.upsell.engine.topology.StateSerde;
import io.upsell.engine.topology.StateStores;
import io.upsell.engine.topology.StoreReader;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A trigger that keeps a {@link Watch} per customer in its own store: a due timer holds only while its source event
 * is still the latest one and no exit event followed it. One that implements {@link #latest} keeps one pending timer
 * per watch instead of one per event: activity while it is pending only updates the watch, and the timer, when it
 * comes due after newer activity, moves on to that activity.
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
    StateStores.add(engine.sources(), storeName(), StateSerde.of(Watch.class, Watch.CODEC));
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

  /**
   * The candidate of {@code step} that the watch's latest event makes, for a trigger that keeps one pending timer per
   * watch (see {@link #carriedForward}); none for the others.
   */
  Optional<UpsellTrigger> latest(String key, Watch watch, int step, ShopSettings settings, Products products) {
    return Optional.empty();
  }

  /**
   * Arms the watch for its latest event: true when a timer is already pending past {@code time} (the event only
   * updates the watch, the timer moves on to it when it comes due), false when the caller emits the first step, whose
   * due time {@code firstDue} is then the pending one.
   */
  static boolean stillArmed(Watch watch, long time, long firstDue) {
    if (watch.armedUntil > time) {
      return true;
    }
    watch.armedUntil = firstDue;
    return false;
  }

  @Override
  public final Optional<UpsellTrigger> carriedForward(UpsellTrigger due, StoreReader stores,
      Supplier<ShopSettings> settings) {
    String key = watchKey(due);
    KeyValueStore<String, Watch> watches = stores.store(storeName());
    Watch watch = watches.get(key);
    if (watch == null || !watch.movedOnFrom(due.getSourceEventIds().get(0))) {
      return Optional.empty();
    }
    // Product lookups only: the catalog's cached relations, which its clock refreshes, are not read here.
    Products products = new Products(stores, System::currentTimeMillis, 0);
    Optional<UpsellTrigger> next = latest(key, watch, due.getStep(), settings.get(), products);
    next.filter(n -> n.getStep() == 1).ifPresent(n -> {
      watch.armedUntil = n.getDueAt().toEpochMilli();
      watches.put(key, watch);
    });
    return next;
  }

  /** The watch stored under {@code key}, or a fresh one. */
  static Watch watchOf(KeyValueStore<String, Watch> watches, String key) {
    Watch watch = watches.get(key);
    return watch == null ? new Watch() : watch;
  }
}
