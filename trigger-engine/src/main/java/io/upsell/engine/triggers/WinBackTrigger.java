package io.upsell.engine.triggers;

import io.upsell.engine.config.ShopSettings;
import io.upsell.engine.topology.EngineContext;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.Offer;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
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
    UpsellTrigger invitation = latest(record.key(), watch, 1, detector.settings(record.key())).orElseThrow();
    boolean armed = stillArmed(watch, record.timestamp(), invitation.getDueAt().toEpochMilli());
    watches.put(record.key(), watch);
    if (!armed) {
      detector.emit(new Record<>(record.key(), invitation, record.timestamp()));
    }
  }

  // One timer per customer: an order while it is pending only updates the watch (a weekly buyer would otherwise
  // keep some nine 60-day timers), and the timer moves on to the latest order when it comes due.
  @Override
  Optional<UpsellTrigger> latest(String key, Watch watch, int step, ShopSettings settings) {
    long days = settings.number(type(), "inactiveDays", 60);
    return Optional.of(Candidates.candidate(type(), 1, key, "no order for " + days + " days",
        Offer.newBuilder().setCurrency(watch.currency).build(), List.of(watch.eventId), watch.at,
        watch.at + days * 86_400_000L, settings).value());
  }
}
