package io.upsell.engine.triggers;

import io.upsell.engine.topology.EngineContext;
import io.upsell.engine.topology.StoreReader;
import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.topics.Keys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** Questions the triggers ask of the catalog global store. */
public final class Catalog {

  private final KeyValueStore<String, ValueAndTimestamp<Product>> products;

  public Catalog(StoreReader stores) {
    this.products = EngineContext.catalog(stores);
  }

  public Optional<Product> product(String shopId, String productId) {
    ValueAndTimestamp<Product> found = products.get(Keys.product(shopId, productId));
    return Optional.ofNullable(found == null ? null : found.value());
  }

  /** Products of the shop declared accessories of any of {@code productIds}, excluding those products. */
  public List<String> accessoriesOf(String shopId, Collection<String> productIds) {
    List<String> accessories = new ArrayList<>();
    for (Product product : shopProducts(shopId)) {
      if (!productIds.contains(product.getProductId())
          && product.getAccessoryOf().stream().anyMatch(productIds::contains)) {
        accessories.add(product.getProductId());
      }
    }
    return accessories;
  }

  /** The course that follows {@code courseId}, if the catalog names one. */
  public Optional<String> nextCourse(String shopId, String courseId) {
    return shopProducts(shopId).stream()
        .filter(p -> courseId.equals(p.getNextCourseOf()))
        .map(Product::getProductId)
        .findFirst();
  }

  // Catalogs are small next to event volume; a prefix scan of the shop's products is cheaper than keeping indexes.
  private List<Product> shopProducts(String shopId) {
    List<Product> all = new ArrayList<>();
    try (var it = products.prefixScan(shopId + ":", new StringSerializer())) {
      it.forEachRemaining(kv -> all.add(kv.value.value()));
    }
    return all;
  }
}
