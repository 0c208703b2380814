package io.upsell.engine.triggers;

import io.upsell.engine.config.ShopSettings;
import io.upsell.engine.topology.EngineContext;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.Offer;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A buyer with no order for the window (60 days) after their last one is invited back; any newer order resets it.
 * One pending timer per customer (see {@link WatchedTrigger#latest}).
 */
public final class WinBackTrigger extends WatchedTrigger<OrderEvent> {

  @Override
  public TriggerType type() {
    return TriggerType.WIN_BACK;
  }

  @Override
  KStream<String, OrderEvent> source(EngineContext engine) {
    return engine.sources().stream(Topics.SHOP_ORDERS);
  }

  @Override
  void detect(Record<String, OrderEvent> record, Detector<OrderEvent> detector) {
    if (!(record.value().getEvent() instanceof OrderPlaced order)) {
      return;
    }
    KeyValueStore<String, Watch> watches = detector.store(storeName());
    Watch watch = watchOf(watches, record.key());
    if (watch.isStale(record.timestamp())) {
      return;
    }
    watch.seen(order.getEventId(), record.timestamp()).currency = order.getCurrency();
    ShopSettings settings = detector.settings(record.key());
    boolean armed = stillArmed(watch, record.timestamp(), dueAt(watch, settings));
    watches.put(record.key(), watch);
    if (!armed) {
      detector.emit(new Record<>(record.key(), invitation(record.key(), watch, settings), record.timestamp()));
    }
  }

  // One timer per customer: an order while it is pending only updates the watch (a weekly buyer would otherwise
  // keep some nine 60-day timers), and the timer moves on to the latest order when it comes due.
  @Override
  Optional<UpsellTrigger> latest(String key, Watch watch, int step, ShopSettings settings, Products products) {
    return Optional.of(invitation(key, watch, settings));
  }

  private UpsellTrigger invitation(String key, Watch watch, ShopSettings settings) {
    return Candidates.candidate(type(), 1, key, "no order for " + inactiveDays(settings) + " days",
        Offer.newBuilder().setCurrency(watch.currency)
            .setUrl(settings.storefront().baseUrl().map(URI::toString).orElse(null)).build(), List.of(watch.eventId), watch.at,
        dueAt(watch, settings), settings).value();
  }

  private long dueAt(Watch watch, ShopSettings settings) {
    return watch.at + inactiveDays(settings) * 86_400_000L;
  }

  private long inactiveDays(ShopSettings settings) {
    return settings.number(type(), "inactiveDays", 60);
  }
}
