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
import java.util.Optional;
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
  Detector<OrderEvent> detector(EngineContext engine) {
    return new Detect(engine);
  }

  private final class Detect extends Detector<OrderEvent> {

    Detect(EngineContext engine) {
      super(engine);
    }

    @Override
    public void process(Record<String, OrderEvent> record) {
      if (!(record.value().getEvent() instanceof OrderPlaced order)) {
        return;
      }
      KeyValueStore<String, Watch> watches = store(storeName());
      Watch watch = Optional.ofNullable(watches.get(record.key())).orElseGet(Watch::new);
      if (watch.isStale(record.timestamp())) {
        return;
      }
      watches.put(record.key(), watch.seen(order.getEventId(), record.timestamp()));
      ShopSettings settings = settings(record.key());
      long days = settings.number(type(), "inactiveDays", 60);
      emit(Candidates.candidate(type(), 1, record.key(), "no order for " + days + " days",
          Offer.newBuilder().setCurrency(order.getCurrency()).build(), List.of(order.getEventId()), record.timestamp(),
          record.timestamp() + days * 86_400_000L, settings));
    }
  }
}
