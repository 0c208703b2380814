package io.upsell.engine.learned;

import io.upsell.engine.topology.EngineContext;
import io.upsell.engine.topology.StateStores;
import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Two products are bought together when they appear in the same order (bulk orders of more than
 * {@code learn-max-products} distinct products excepted); the count per ordered pair is kept per shop,
 * incrementally, and a product's companions are those with at least the minimum support, best first.
 */
public final class BoughtTogether {

  /** Store of pair counts, key {@code shopId|productId|companionId}. */
  public static final String STORE = "bought-together";
  private static final char SEP = '|';

  private BoughtTogether() {}

  /** Wires the learner onto orders keyed by shop. */
  public static void addTo(EngineContext engine) {
    StateStores.add(engine.sources().builder(), STORE, Serdes.Long());
    int maxProducts = engine.config().learnMaxProducts();
    engine.sources().ordersByShop().process(() -> new Learner(maxProducts), STORE);
  }

  /** One companion and how many orders held both. */
  public record Companion(String productId, long orders) {}

  /** Up to {@code k} companions of {@code productId} in {@code shopId} with support of at least {@code minSupport}. */
  public static List<Companion> companions(KeyValueStore<String, Long> pairs, String shopId, String productId,
      int k, long minSupport) {
    List<Companion> all = new ArrayList<>();
    String prefix = shopId + SEP + productId + SEP;
    try (var it = pairs.prefixScan(prefix, new StringSerializer())) {
      it.forEachRemaining(kv -> {
        if (kv.value >= minSupport) {
          all.add(new Companion(kv.key.substring(prefix.length()), kv.value));
        }
      });
    }
    all.sort(Comparator.comparingLong(Companion::orders).reversed().thenComparing(Companion::productId));
    return all.subList(0, Math.min(k, all.size()));
  }

  /** The distinct products of an order. */
  public static Set<String> productsOf(OrderPlaced order) {
    Set<String> products = new TreeSet<>();
    for (LineItem line : order.getLines()) {
      products.add(line.getProductId());
    }
    return products;
  }

  private static final class Learner implements Processor<String, OrderEvent, Void, Void> {

    private final int maxProducts;
    private KeyValueStore<String, Long> pairs;

    Learner(int maxProducts) {
      this.maxProducts = maxProducts;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      pairs = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, OrderEvent> record) {
      OrderPlaced order = (OrderPlaced) record.value().getEvent();
      Set<String> products = productsOf(order);
      if (products.size() > maxProducts) {
        return;
      }
      for (String a : products) {
        for (String b : products) {
          if (!a.equals(b)) {
            String key = order.getShopId() + SEP + a + SEP + b;
            Long count = pairs.get(key);
            pairs.put(key, count == null ? 1L : count + 1);
          }
        }
      }
    }
  }
}
