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
import io.upsell.schemas.upsell.Offer;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A checkout started and followed by no order within the delay (20 min) is abandoned, and after the second delay
 * (24 h) gets the flash-sale step; a newer checkout restarts both, an order cancels both.
 */
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
    watch.lines = CartItems.linesAfter(watch.lines, watch.items, cart);
    watches.put(record.key(), watch);
    ShopSettings settings = detector.settings(record.key());
    Offer offer = Candidates.products(new OfferItems(detector.products(), cart.getShopId(), settings)
        .ofLines(watch.lines, cart.getCurrency()), cart.getCurrency(), Candidates.firstUrl(cart.getCheckoutUrl(),
        settings.storefront().url(Storefront.Page.CHECKOUT, Map.of()).orElse(null)));
    String checkout = "checkout of " + cart.getValueMinor() + " " + cart.getCurrency();
    long first = record.timestamp() + settings.declared(type(), "delayMinutes") * 60_000;
    long second = record.timestamp() + settings.declared(type(), "stepTwoDelayMinutes") * 60_000;
    detector.emit(Candidates.candidate(type(), 1, record.key(), checkout + " not completed", offer,
        List.of(cart.getEventId()), record.timestamp(), first, settings));
    detector.emit(Candidates.candidate(type(), 2, record.key(), "flash sale: " + checkout + " still not completed",
        offer, List.of(cart.getEventId()), record.timestamp(), second, settings));
  }
}
