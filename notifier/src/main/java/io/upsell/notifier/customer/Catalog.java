package io.upsell.notifier.customer;

import io.quarkus.runtime.Startup;
import io.upsell.notifier.kafka.TopicReader;
import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The latest version of every product (catalog.products, compacted), for names, images and prices in messages. */
@Startup
@ApplicationScoped
public class Catalog {

  private static final Duration CATCH_UP = Duration.ofSeconds(5);

  private final Map<String, Product> products = new ConcurrentHashMap<>();
  private final TopicReader<Product> reader;

  public Catalog(@ConfigProperty(name = "kafka.bootstrap.servers") String servers, EventSerdes serdes) {
    reader = new TopicReader<>(servers, serdes, Topics.CATALOG_PRODUCTS, r -> {
      if (r.value() == null) {
        products.remove(r.key());
      } else {
        products.put(r.key(), r.value());
      }
    }).start();
  }

  /** The product; when unknown yet, reads the catalog up to its current end first (bounded wait). */
  public Optional<Product> product(String shopId, String productId) {
    String key = Keys.product(shopId, productId);
    if (!products.containsKey(key)) {
      try {
        reader.caughtUp().get(CATCH_UP.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        // Still behind after the wait: the item is left out of the message.
      }
    }
    return Optional.ofNullable(products.get(key));
  }

  public void awaitLoaded(Duration timeout) {
    reader.awaitCaughtUp(timeout);
  }

  @PreDestroy
  void close() {
    reader.close();
  }
}
