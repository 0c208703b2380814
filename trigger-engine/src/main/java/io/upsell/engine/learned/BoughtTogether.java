package io.upsell.engine.learned;

import io.upsell.engine.topology.EngineContext;
import io.upsell.engine.topology.JsonSerde;
import io.upsell.engine.topology.StateStores;
import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
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
  /** Store of each product's {@link TopCompanions}, key {@code shopId|productId}. */
  public static final String TOP = "bought-together-top";
  private static final char SEP = '|';

  private BoughtTogether() {}

  /** Wires the learner onto orders keyed by shop. */
  public static void addTo(EngineContext engine) {
    StateStores.add(engine.sources().builder(), STORE, Serdes.Long());
    StateStores.add(engine.sources().builder(), TOP, JsonSerde.of(TopCompanions.class));
    int maxProducts = engine.config().learnMaxProducts();
    engine.sources().ordersByShop().process(() -> new Learner(maxProducts), STORE, TOP);
  }

  /** One companion and how many orders held both. */
  public record Companion(String productId, long orders) {}

  /** Up to {@code k} (at most {@value TopCompanions#KEEP}) companions of {@code productId} with support of at least
   * {@code minSupport}, best first. */
  public static List<Companion> companions(KeyValueStore<String, TopCompanions> top, String shopId, String productId,
      int k, long minSupport) {
    TopCompanions known = top.get(shopId + SEP + productId);
    if (known == null) {
      return List.of();
    }
    return known.best.stream().filter(c -> c.orders() >= minSupport).limit(k).toList();
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
    private KeyValueStore<String, TopCompanions> top;

    Learner(int maxProducts) {
      this.maxProducts = maxProducts;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      pairs = context.getStateStore(STORE);
      top = context.getStateStore(TOP);
    }

    @Override
    public void process(Record<String, OrderEvent> record) {
      OrderPlaced order = (OrderPlaced) record.value().getEvent();
      Set<String> products = productsOf(order);
      if (products.size() > maxProducts) {
        return;
      }
      for (String a : products) {
        String product = order.getShopId() + SEP + a;
        TopCompanions best = Optional.ofNullable(top.get(product)).orElseGet(TopCompanions::new);
        for (String b : products) {
          if (!a.equals(b)) {
            String key = product + SEP + b;
            Long count = pairs.get(key);
            long now = count == null ? 1L : count + 1;
            pairs.put(key, now);
            best.offer(b, now);
          }
        }
        top.put(product, best);
      }
    }
  }
}
