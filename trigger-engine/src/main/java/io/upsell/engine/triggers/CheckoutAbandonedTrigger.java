package io.upsell.engine.triggers;

import io.upsell.engine.config.ShopSettings;
import io.upsell.engine.topology.EngineContext;
import io.upsell.engine.topology.StoreReader;
import io.upsell.schemas.shop.CartEvent;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** A checkout started and followed by no order within the delay (20 min) is abandoned; a newer checkout restarts it. */
public final class CheckoutAbandonedTrigger extends WatchedTrigger<SpecificRecord> {

  @Override
  public TriggerType type() {
    return TriggerType.CHECKOUT_ABANDONED;
  }

  @Override
  KStream<String, SpecificRecord> source(EngineContext engine) {
    return engine.sources().merged(Topics.SHOP_CARTS, Topics.SHOP_ORDERS);
  }

  @Override
  void detect(Record<String, SpecificRecord> record, Detector<SpecificRecord> detector) {
    KeyValueStore<String, Watch> watches = detector.store(storeName());
    Watch watch = OrderExit.apply(watches, record);
    if (!(record.value() instanceof CartEvent cart) || cart.getType() != CartEventType.CHECKOUT_STARTED
        || watch.isStale(record.timestamp())) {
      return;
    }
    watch.seen(cart.getEventId(), record.timestamp());
    watch.items = CartItems.after(watch.items, cart);
    watches.put(record.key(), watch);
    ShopSettings settings = detector.settings(record.key());
    long due = record.timestamp() + settings.number(type(), "delayMinutes", 20) * 60_000;
    detector.emit(Candidates.candidate(type(), 1, record.key(),
        "checkout of " + cart.getValueMinor() + " " + cart.getCurrency() + " not completed",
        Candidates.products(watch.items), List.of(cart.getEventId()), record.timestamp(), due, settings));
  }
}
