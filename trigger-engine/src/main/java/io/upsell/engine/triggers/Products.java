package io.upsell.engine.triggers;

import io.upsell.engine.topology.EngineContext;
import io.upsell.engine.topology.StoreReader;
import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.catalog.ProductKind;
import io.upsell.schemas.topics.Keys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Questions the triggers ask of the product catalog (its global store). One per detector: the products of a shop that name
 * another (accessories, next courses, better versions) and its plans are read by a scan of the shop's catalog at most once per {@code refreshMs}
 * of its wall clock, not on every order or completion.
 */
public final class Products {

  // Shops whose relations are kept at once: a task sees a few busy shops at a time, the rest are read again.
  private static final int SHOPS_KEPT = 1_000;

  private final KeyValueStore<String, ValueAndTimestamp<Product>> products;
  private final LongSupplier clock;
  private final long refreshMs;
  private final Map<String, Relations> byShop = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Relations> eldest) {
      return size() > SHOPS_KEPT;
    }
  };

  public Products(StoreReader stores, LongSupplier clock, long refreshMs) {
    this.products = EngineContext.products(stores);
    this.clock = clock;
    this.refreshMs = refreshMs;
  }

  public Optional<Product> product(String shopId, String productId) {
    ValueAndTimestamp<Product> found = products.get(Keys.product(shopId, productId));
    return Optional.ofNullable(found == null ? null : found.value());
  }

  /** Products of the shop declared accessories of any of {@code productIds}, excluding those products. */
  public List<String> accessoriesOf(String shopId, Collection<String> productIds) {
    List<String> accessories = new ArrayList<>();
    for (Product product : related(shopId)) {
      if (!productIds.contains(product.getProductId())
          && product.getAccessoryOf().stream().anyMatch(productIds::contains)) {
        accessories.add(product.getProductId());
      }
    }
    return accessories;
  }

  /** The shop's plans as a ladder. */
  public PlanLadder plans(String shopId) {
    return new PlanLadder(related(shopId));
  }

  /** Products of the shop declared a better version of {@code productId}. */
  public List<Product> upgradesOf(String shopId, String productId) {
    return related(shopId).stream().filter(p -> productId.equals(p.getUpgradeOf())).toList();
  }

  /** The course that follows {@code courseId}, if the catalog names one. */
  public Optional<String> nextCourse(String shopId, String courseId) {
    return related(shopId).stream()
        .filter(p -> courseId.equals(p.getNextCourseOf()))
        .map(Product::getProductId)
        .findFirst();
  }

  private record Relations(long readAt, List<Product> products) {}

  // The scan opens a RocksDB iterator even for a shop without a catalog; its answer changes only when the catalog does.
  private List<Product> related(String shopId) {
    long now = clock.getAsLong();
    Relations known = byShop.get(shopId);
    if (known == null || now - known.readAt() >= refreshMs) {
      known = new Relations(now, scan(shopId));
      byShop.put(shopId, known);
    }
    return known.products();
  }

  private List<Product> scan(String shopId) {
    List<Product> related = new ArrayList<>();
    try (var it = products.prefixScan(shopId + ":", new StringSerializer())) {
      it.forEachRemaining(kv -> {
        Product product = kv.value.value();
        if (!product.getAccessoryOf().isEmpty() || product.getNextCourseOf() != null
            || product.getUpgradeOf() != null || product.getKind() == ProductKind.PLAN) {
          related.add(product);
        }
      });
    }
    return related;
  }
}
