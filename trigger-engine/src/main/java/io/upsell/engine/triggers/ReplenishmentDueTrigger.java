package io.upsell.engine.triggers;

import io.upsell.engine.config.ShopSettings;
import io.upsell.engine.learned.BoughtTogether;
import io.upsell.engine.topology.EngineContext;
import io.upsell.engine.topology.StoreReader;
import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.schemas.upsell.Offer;
import io.upsell.schemas.upsell.OfferItem;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** A product with a replenish cycle bought and not bought again within the cycle is due: offer it again. */
public final class ReplenishmentDueTrigger extends WatchedTrigger<OrderEvent> {

  @Override
  public TriggerType type() {
    return TriggerType.REPLENISHMENT_DUE;
  }

  @Override
  KStream<String, OrderEvent> source(EngineContext engine) {
    return engine.sources().stream(Topics.SHOP_ORDERS);
  }

  // One watch per customer and product: re-buying one product does not cancel another's reminder.
  @Override
  String watchKey(UpsellTrigger due) {
    return CustomerKey.of(due) + "|" + due.getOffer().getProductIds().get(0);
  }

  // The product again, as the order described it: its name, price and page.
  private static Offer again(OfferItems described, OrderPlaced order, String productId) {
    List<Watch.Line> lines = OfferItems.linesOf(order.getLines()).stream()
        .filter(line -> line.productId().equals(productId)).limit(1).toList();
    OfferItem item = lines.isEmpty() ? described.ofProducts(List.of(productId), order.getCurrency()).get(0)
        : described.ofLine(lines.get(0), order.getCurrency());
    return Candidates.products(List.of(item), order.getCurrency(), item.getUrl());
  }

  @Override
  void detect(Record<String, OrderEvent> record, Detector<OrderEvent> detector) {
    if (!(record.value().getEvent() instanceof OrderPlaced order)) {
      return;
    }
    KeyValueStore<String, Watch> watches = detector.store(storeName());
    Products products = detector.products();
    ShopSettings settings = detector.settings(record.key());
    OfferItems described = new OfferItems(products, order.getShopId(), settings);
    for (String productId : BoughtTogether.productsOf(order)) {
      Optional<Integer> cycle = products.product(order.getShopId(), productId).map(Product::getReplenishEveryDays);
      if (cycle.isEmpty()) {
        continue; // most products have no cycle: no watch to read
      }
      String watchKey = record.key() + "|" + productId;
      Watch watch = watchOf(watches, watchKey);
      if (watch.isStale(record.timestamp())) {
        continue;
      }
      watches.put(watchKey, watch.seen(order.getEventId(), record.timestamp()));
      long due = record.timestamp() + cycle.get() * 86_400_000L;
      detector.emit(Candidates.candidate(type(), 1, record.key(), "bought " + cycle.get() + " days ago, likely running out",
          again(described, order, productId), List.of(order.getEventId()), record.timestamp(), due, settings));
    }
  }
}
