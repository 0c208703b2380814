package io.upsell.engine.learned;

import io.upsell.engine.topology.EngineContext;
import io.upsell.engine.topology.StateSerde;
import io.upsell.engine.topology.StateStores;
import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Two products are bought together when they are among the {@code learn-top-products} most valuable products of
 * the same order (bulk orders of more than {@code learn-max-products} distinct products excepted); the count per pair
 * is kept per shop, incrementally, and a product's companions are those with at least the minimum support, best first.
 */
public final class BoughtTogether {

  /** Store of pair counts, key {@code shopId|productId|companionId} with the smaller product id first (a pair is
   * counted once: with and without are the same number). */
  public static final String STORE = "bought-together";
  /** Store of each product's {@link TopCompanions}, key {@code shopId|productId}. */
  public static final String TOP = "bought-together-top";
  private static final char SEP = '|';

  private BoughtTogether() {}

  /** Wires the learner onto orders keyed by shop. */
  public static void addTo(EngineContext engine) {
    StateStores.addUncached(engine.sources(), STORE, Serdes.Long());
    StateStores.add(engine.sources(), TOP, StateSerde.of(TopCompanions.class, TopCompanions.CODEC));
    int maxProducts = engine.config().learnMaxProducts();
    int topProducts = engine.config().learnTopProducts();
    engine.sources().ordersByShop().process(() -> new Learner(maxProducts, topProducts), STORE, TOP);
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

  /** The distinct products of an order, ranked by their most valuable line (stable: ties keep the order's order). */
  public static List<String> byValue(OrderPlaced order) {
    return order.getLines().stream()
        .sorted(Comparator.comparingLong((LineItem l) -> -l.getUnitPriceMinor() * l.getQuantity()))
        .map(LineItem::getProductId).distinct().toList();
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
    private final int topProducts;
    private KeyValueStore<String, Long> pairs;
    private KeyValueStore<String, TopCompanions> top;

    Learner(int maxProducts, int topProducts) {
      this.maxProducts = maxProducts;
      this.topProducts = topProducts;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      pairs = context.getStateStore(STORE);
      top = context.getStateStore(TOP);
    }

    @Override
    public void process(Record<String, OrderEvent> record) {
      OrderPlaced order = (OrderPlaced) record.value().getEvent();
      List<String> ranked = byValue(order);
      if (ranked.size() > maxProducts) {
        return;
      }
      String[] products = ranked.subList(0, Math.min(topProducts, ranked.size())).toArray(String[]::new);
      Arrays.sort(products);
      String shop = order.getShopId() + SEP;
      TopCompanions[] best = new TopCompanions[products.length];
      boolean[] changed = new boolean[products.length];
      for (int i = 0; i < products.length; i++) {
        best[i] = Optional.ofNullable(top.get(shop + products[i])).orElseGet(TopCompanions::new);
      }
      // Each pair once (a < b): one count read per pair, offered to both products' top lists. The new counts are
      // written together, in one RocksDB write batch: a write per pair cost about as much in RocksDB's write path
      // (write-thread group, sequence numbers) as in its memtable.
      List<KeyValue<String, Long>> counted = new ArrayList<>(products.length * (products.length - 1) / 2);
      for (int a = 0; a < products.length; a++) {
        for (int b = a + 1; b < products.length; b++) {
          String key = shop + products[a] + SEP + products[b];
          Long count = pairs.get(key);
          long now = count == null ? 1L : count + 1;
          counted.add(KeyValue.pair(key, now));
          changed[a] |= best[a].offer(products[b], now);
          changed[b] |= best[b].offer(products[a], now);
        }
      }
      pairs.putAll(counted);
      // A top list no pair of this order entered is left as stored (a write would cost a cache entry and a
      // changelog record for nothing).
      for (int i = 0; i < products.length; i++) {
        if (changed[i]) {
          top.put(shop + products[i], best[i]);
        }
      }
    }
  }
}
