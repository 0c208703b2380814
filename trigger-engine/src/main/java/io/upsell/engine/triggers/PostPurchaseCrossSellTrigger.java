package io.upsell.engine.triggers;

import io.upsell.engine.config.ShopSettings;
import io.upsell.engine.learned.BoughtTogether;
import io.upsell.engine.topology.EngineContext;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.schemas.upsell.OfferItem;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.Record;

/**
 * An order holding a product that has accessories (declared in the catalog, else learned as bought together) gets
 * those accessories offered after the delay (5 min).
 */
public final class PostPurchaseCrossSellTrigger implements Trigger {

  @Override
  public TriggerType type() {
    return TriggerType.POST_PURCHASE_CROSS_SELL;
  }

  @Override
  public KStream<String, UpsellTrigger> addTo(EngineContext engine) {
    KStream<String, UpsellTrigger> found =
        engine.sources().ordersByShop().process(() -> new Detect(engine), BoughtTogether.TOP);
    return engine.sources().toCustomers(found, "cross-sell-candidates");
  }

  @Override
  public boolean offersProducts() {
    return true;
  }

  private final class Detect extends Detector<OrderEvent> {

    Detect(EngineContext engine) {
      super(engine);
    }

    @Override
    public void process(Record<String, OrderEvent> record) {
      OrderPlaced order = (OrderPlaced) record.value().getEvent();
      String key = Keys.customer(order.getShopId(), order.getCustomerId());
      ShopSettings settings = settings(key);
      Set<String> bought = BoughtTogether.productsOf(order);
      List<String> offer = products().accessoriesOf(order.getShopId(), bought);
      String source = "catalog accessories";
      if (offer.isEmpty()) {
        // The order's most valuable products anchor the learned offer.
        offer = Companions.of(this, settings, type(), order.getShopId(), BoughtTogether.byValue(order), bought);
        source = "often bought together";
      }
      if (offer.isEmpty()) {
        return;
      }
      long due = record.timestamp() + settings.number(type(), "delayMinutes", 5) * 60_000;
      List<OfferItem> items = new OfferItems(products(), order.getShopId(), settings).ofProducts(offer,
          order.getCurrency());
      emit(Candidates.candidate(type(), 1, key, source + " for order " + order.getOrderId(),
          Candidates.products(items, order.getCurrency(), items.get(0).getUrl()), List.of(order.getEventId()), record.timestamp(), due, settings));
    }
  }
}
