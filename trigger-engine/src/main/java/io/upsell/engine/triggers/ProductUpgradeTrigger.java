package io.upsell.engine.triggers;

import io.upsell.engine.config.ShopSettings;
import io.upsell.engine.topology.EngineContext;
import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.shop.CartEvent;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.shop.ProductViewed;
import io.upsell.schemas.shop.ViewEvent;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.OfferItem;
import io.upsell.schemas.upsell.TriggerType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A product viewed or put in the cart whose better version exists (a catalog product whose {@code upgradeOf} names
 * it) costing at most the price step (50%) more is offered that version after the delay (60 min); an order of either
 * cancels it, and a newer view or cart of another upgradable product replaces it.
 */
public final class ProductUpgradeTrigger extends WatchedTrigger<SpecificRecord> {

  @Override
  public TriggerType type() {
    return TriggerType.PRODUCT_UPGRADE;
  }

  @Override
  KStream<String, SpecificRecord> source(EngineContext engine) {
    return engine.sources().merged(Topics.SHOP_VIEWS, Topics.SHOP_CARTS, Topics.SHOP_ORDERS);
  }

  @Override
  public boolean offersProducts() {
    return true;
  }

  /** What the customer looked at or chose: product, its price where known (minor units), currency, event. */
  private record Chosen(String productId, Long priceMinor, String currency, String eventId) {}

  @Override
  void detect(Record<String, SpecificRecord> record, Detector<SpecificRecord> detector) {
    KeyValueStore<String, Watch> watches = detector.store(storeName());
    Watch watch = watchOf(watches, record.key());
    if (record.value() instanceof OrderEvent order && order.getEvent() instanceof OrderPlaced placed) {
      if (placed.getLines().stream().map(LineItem::getProductId).anyMatch(watch.items::contains)) {
        watch.exitAt = Math.max(watch.exitAt, record.timestamp());
        watches.put(record.key(), watch);
      }
      return;
    }
    if (watch.isStale(record.timestamp())) {
      return;
    }
    ShopSettings settings = detector.settings(record.key());
    for (Chosen chosen : chosen(record.value(), detector.products())) {
      Optional<Product> better = betterVersion(Keys.shopOf(record.key()), chosen, detector.products(), settings);
      if (better.isPresent()) {
        Product upgrade = better.get();
        watch.seen(chosen.eventId(), record.timestamp()).items = List.of(chosen.productId(), upgrade.getProductId());
        watches.put(record.key(), watch);
        OfferItem item = new OfferItems(detector.products(), upgrade.getShopId(), settings)
            .ofProducts(List.of(upgrade.getProductId()), upgrade.getCurrency()).get(0);
        long due = record.timestamp() + settings.declared(type(), "delayMinutes") * 60_000;
        detector.emit(Candidates.candidate(type(), 1, record.key(),
            "a better version of " + chosen.productId() + ": " + upgrade.getProductId() + " (" + upgrade.getName() + ")",
            Candidates.products(List.of(item), upgrade.getCurrency(), item.getUrl()), List.of(chosen.eventId()),
            record.timestamp(), due, settings));
        return;
      }
    }
  }

  // A view names one product; a cart addition its items, the latest added first.
  private static List<Chosen> chosen(SpecificRecord value, Products products) {
    List<Chosen> chosen = new ArrayList<>();
    if (value instanceof ViewEvent view && view.getEvent() instanceof ProductViewed viewed) {
      Optional<Product> known = products.product(viewed.getShopId(), viewed.getProductId());
      chosen.add(new Chosen(viewed.getProductId(), known.map(Product::getPriceMinor).orElse(null),
          known.map(Product::getCurrency).orElse(null), viewed.getEventId()));
    } else if (value instanceof CartEvent cart && cart.getType() == CartEventType.ITEM_ADDED) {
      for (int i = cart.getItems().size() - 1; i >= 0; i--) {
        LineItem line = cart.getItems().get(i);
        chosen.add(new Chosen(line.getProductId(), line.getUnitPriceMinor(), cart.getCurrency(), cart.getEventId()));
      }
    }
    return chosen;
  }

  // The cheapest better version in the same currency within the shop's price step.
  private Optional<Product> betterVersion(String shopId, Chosen chosen, Products products, ShopSettings settings) {
    if (chosen.priceMinor() == null) {
      return Optional.empty();
    }
    long ceiling = chosen.priceMinor() * (100 + settings.declared(type(), "maxStepPercent")) / 100;
    return products.upgradesOf(shopId, chosen.productId()).stream()
        .filter(p -> p.getCurrency().equals(chosen.currency()) && p.getPriceMinor() <= ceiling)
        .min(Comparator.comparingLong(Product::getPriceMinor));
  }
}
