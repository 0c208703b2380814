package io.upsell.engine.triggers;

import io.upsell.engine.config.ShopSettings;
import io.upsell.engine.learned.BoughtTogether;
import io.upsell.engine.topology.EngineContext;
import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.shop.CartEvent;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.util.ArrayList;
import java.util.Collections;
import io.upsell.schemas.upsell.OfferItem;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.Record;

/** When an item is added to a cart, products learned as often bought with the cart's items are offered at once. */
public final class FrequentlyBoughtTogetherTrigger implements Trigger {

  @Override
  public TriggerType type() {
    return TriggerType.FREQUENTLY_BOUGHT_TOGETHER;
  }

  @Override
  public KStream<String, UpsellTrigger> addTo(EngineContext engine) {
    KStream<String, UpsellTrigger> found =
        engine.sources().cartsByShop().process(() -> new Detect(engine), BoughtTogether.TOP);
    return engine.sources().toCustomers(found, "bought-together-candidates");
  }

  @Override
  public boolean offersProducts() {
    return true;
  }

  private final class Detect extends Detector<CartEvent> {

    Detect(EngineContext engine) {
      super(engine);
    }

    @Override
    public void process(Record<String, CartEvent> record) {
      CartEvent cart = record.value();
      if (cart.getType() != CartEventType.ITEM_ADDED || cart.getItems().isEmpty()) {
        return;
      }
      String key = Keys.customer(cart.getShopId(), cart.getCustomerId());
      ShopSettings settings = settings(key);
      Set<String> held = new TreeSet<>(cart.getItems().stream().map(LineItem::getProductId).toList());
      // The items added last anchor the offer: the cart snapshot lists them in the order they were added.
      List<String> recent = new ArrayList<>(cart.getItems().stream().map(LineItem::getProductId).distinct().toList());
      Collections.reverse(recent);
      List<String> offer = Companions.of(this, settings, type(), cart.getShopId(), recent, held);
      if (!offer.isEmpty()) {
        List<OfferItem> items = new OfferItems(products(), cart.getShopId(), settings).ofProducts(offer,
            cart.getCurrency());
        emit(Candidates.candidate(type(), 1, key, "often bought with the cart's items",
            Candidates.products(items, cart.getCurrency(), items.get(0).getUrl()),
            List.of(cart.getEventId()), record.timestamp(), record.timestamp(), settings));
      }
    }
  }
}
