package io.upsell.engine.triggers;

import io.upsell.engine.config.ShopSettings;
import io.upsell.engine.topology.EngineContext;
import io.upsell.engine.topology.StoreReader;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.Offer;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.util.List;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** A buyer with no order for the window (60 days) after their last one is invited back; any newer order resets it. */
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
    watches.put(record.key(), watch.seen(order.getEventId(), record.timestamp()));
    ShopSettings settings = detector.settings(record.key());
    long days = settings.number(type(), "inactiveDays", 60);
    detector.emit(Candidates.candidate(type(), 1, record.key(), "no order for " + days + " days",
        Offer.newBuilder().setCurrency(order.getCurrency()).build(), List.of(order.getEventId()), record.timestamp(),
        record.timestamp() + days * 86_400_000L, settings));
  }
}
