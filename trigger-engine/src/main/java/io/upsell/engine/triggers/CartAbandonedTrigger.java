package io.upsell.engine.triggers;

import io.upsell.engine.config.ShopSettings;
import io.upsell.engine.topology.EngineContext;
import io.upsell.engine.topology.StoreReader;
import io.upsell.schemas.shop.CartEvent;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.platform.shops.Storefront;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.upsell.Offer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A cart with items that sees no order and no cart activity for the delay (30 min) gets a reminder, and after the
 * second delay (24 h) a scarcity step; an order or any newer cart activity (checkout included) cancels both.
 * One pair of timers per cart (see {@link WatchedTrigger#latest}): a cart built in five steps costs two timers, not ten.
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
    watch.lines = CartItems.linesAfter(watch.lines, watch.items, cart);
    watch.url = Candidates.firstUrl(cart.getCartUrl(), watch.url);
    watch.valueMinor = cart.getValueMinor();
    watch.currency = cart.getCurrency();
    List<UpsellTrigger> steps = List.of();
    if (cart.getType() == CartEventType.CHECKOUT_STARTED || watch.items.isEmpty()) {
      watch.armedUntil = Long.MIN_VALUE; // a pending timer finds nothing to move on to
    } else {
      ShopSettings settings = detector.settings(record.key());
      if (!stillArmed(watch, record.timestamp(), dueAt(watch, 1, settings))) {
        Products products = detector.products();
        steps = List.of(step(record.key(), watch, 1, settings, products), step(record.key(), watch, 2, settings, products));
      }
    }
    watches.put(record.key(), watch);
    steps.forEach(step -> detector.emit(new Record<>(record.key(), step, record.timestamp())));
  }

  @Override
  Optional<UpsellTrigger> latest(String key, Watch watch, int step, ShopSettings settings, Products products) {
    return Optional.of(step(key, watch, step, settings, products));
  }

  // Built from the watch alone, so a timer carried forward says what the latest event would have said.
  private UpsellTrigger step(String key, Watch watch, int step, ShopSettings settings, Products products) {
    String items = watch.items.size() + " item(s) worth " + watch.valueMinor + " " + watch.currency;
    String reason = step == 1 ? "cart with " + items + " left idle" : "flash sale: cart with " + items + " still waiting";
    Offer offer = Candidates.products(new OfferItems(products, Keys.shopOf(key), settings).ofLines(watch.lines,
        watch.currency), watch.currency, Candidates.firstUrl(watch.url, settings.storefront().url(Storefront.Page.CART,
        Map.of()).orElse(null)));
    return Candidates.candidate(type(), step, key, reason, offer, List.of(watch.eventId),
        watch.at, dueAt(watch, step, settings), settings).value();
  }

  private long dueAt(Watch watch, int step, ShopSettings settings) {
    long delayMinutes = step == 1 ? settings.number(type(), "delayMinutes", 30)
        : settings.number(type(), "stepTwoDelayMinutes", 1440);
    return watch.at + delayMinutes * 60_000;
  }
}
