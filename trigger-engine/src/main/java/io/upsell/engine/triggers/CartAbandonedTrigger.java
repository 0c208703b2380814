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

/**
 * A cart with items that sees no order and no cart activity for the delay (30 min) gets a reminder, and after the
 * second delay (24 h) a scarcity step; an order or any newer cart activity (checkout included) cancels both.
 */
public final class CartAbandonedTrigger extends WatchedTrigger<SpecificRecord> {

  @Override
  public TriggerType type() {
    return TriggerType.CART_ABANDONED;
  }

  @Override
  KStream<String, SpecificRecord> source(EngineContext engine) {
    return engine.sources().merged(Topics.SHOP_CARTS, Topics.SHOP_ORDERS);
  }

  @Override
  public boolean stillHolds(UpsellTrigger due, StoreReader stores) {
    Watch watch = stores.<KeyValueStore<String, Watch>>store(storeName()).get(CustomerKey.of(due));
    return super.stillHolds(due, stores) && !watch.items.isEmpty();
  }

  @Override
  void detect(Record<String, SpecificRecord> record, Detector<SpecificRecord> detector) {
    KeyValueStore<String, Watch> watches = detector.store(storeName());
    Watch watch = OrderExit.apply(watches, record);
    if (!(record.value() instanceof CartEvent cart) || watch.isStale(record.timestamp())) {
      return;
    }
    watch.seen(cart.getEventId(), record.timestamp());
    watch.items = CartItems.after(watch.items, cart);
    watches.put(record.key(), watch);
    if (cart.getType() == CartEventType.CHECKOUT_STARTED || watch.items.isEmpty()) {
      return;
    }
    ShopSettings settings = detector.settings(record.key());
    long first = record.timestamp() + settings.number(type(), "delayMinutes", 30) * 60_000;
    long second = record.timestamp() + settings.number(type(), "stepTwoDelayMinutes", 1440) * 60_000;
    String items = watch.items.size() + " item(s) worth " + cart.getValueMinor() + " " + cart.getCurrency();
    detector.emit(Candidates.candidate(type(), 1, record.key(), "cart with " + items + " left idle",
        Candidates.products(watch.items), List.of(cart.getEventId()), record.timestamp(), first, settings));
    detector.emit(Candidates.candidate(type(), 2, record.key(), "flash sale: cart with " + items + " still waiting",
        Candidates.products(watch.items), List.of(cart.getEventId()), record.timestamp(), second, settings));
  }
}
