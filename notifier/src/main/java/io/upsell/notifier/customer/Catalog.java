package io.upsell.notifier.customer;

import io.upsell.notifier.state.GlobalStore;
import io.upsell.notifier.state.StoreNames;
import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.topics.Keys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/** The latest version of every product (catalog.products as a global table), for names, images and prices. */
@ApplicationScoped
public class Catalog {

  private static final Duration PATIENCE = Duration.ofSeconds(2);

  private final GlobalStore<Product> products;

  public Catalog(Instance<KafkaStreams> streams) {
    this.products = new GlobalStore<>(streams, StoreNames.CATALOG);
  }

  /** The product; when unknown, waits briefly in case it was written just before the message naming it. */
  public Optional<Product> product(String shopId, String productId) {
    return products.getWaiting(Keys.product(shopId, productId), PATIENCE);
  }
}
