package io.upsell.engine.learned;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.engine.testing.EngineDriver;
import io.upsell.engine.testing.TestConfig;
import io.upsell.engine.topology.EngineContext;
import io.upsell.engine.topology.Scope;
import io.upsell.engine.topology.Sources;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.engine.testing.OnlineRetail;
import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/** The engine's learned pairs on real orders equal the pairs counted here, independently, from the same file. */
class BoughtTogetherOnlineRetailTest {

  private static final int MAX_PRODUCTS = 50;
  private static final int TOP_PRODUCTS = 20;
  private static final EventSerdes SERDES = EventSerdes.singleObject();

  @Test
  void learnedCompanionsOnOnlineRetailEqualIndependentPairCounts() {
    List<OrderPlaced> orders = OnlineRetail.orders(EngineDriver.SHOP);
    Map<String, Map<String, Long>> expected = countPairs(orders);

    try (TopologyTestDriver driver = new TopologyTestDriver(learnerOnly(), props())) {
      var input = driver.createInputTopic(Topics.SHOP_ORDERS.name(), SERDES.keySerde().serializer(),
          SERDES.valueSerde(Topics.SHOP_ORDERS).serializer());
      for (OrderPlaced order : orders) {
        input.pipeInput(Keys.customer(order.getShopId(), order.getCustomerId()), new OrderEvent(order),
            order.getOccurredAt().toEpochMilli());
      }
      KeyValueStore<String, TopCompanions> pairs = driver.getKeyValueStore(BoughtTogether.TOP);

      List<String> busiest = expected.entrySet().stream()
          .sorted(Comparator.comparingLong((Map.Entry<String, Map<String, Long>> e) -> -total(e.getValue()))
              .thenComparing(Map.Entry::getKey))
          .limit(25).map(Map.Entry::getKey).toList();
      assertThat(busiest).hasSize(25);
      for (String product : busiest) {
        List<BoughtTogether.Companion> learned = BoughtTogether.companions(pairs, EngineDriver.SHOP, product, 5, 3);
        assertThat(learned).as("companions of %s", product).isEqualTo(topK(expected.get(product), 5, 3));
        assertThat(learned).isNotEmpty();
      }
    }
  }

  // The engine's learner exactly as the engine wires it, without the triggers that would read it.
  private static Topology learnerOnly() {
    StreamsBuilder builder = new StreamsBuilder();
    Sources sources = new Sources(builder, SERDES, Scope.everything());
    BoughtTogether.addTo(new EngineContext(TestConfig.engine(Map.of()), SERDES, sources, null));
    return builder.build();
  }

  private static Properties props() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "learner-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return props;
  }

  private static long total(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  private static Map<String, Map<String, Long>> countPairs(List<OrderPlaced> orders) {
    Map<String, Map<String, Long>> counts = new HashMap<>();
    for (OrderPlaced order : orders) {
      Set<String> products = order.getLines().stream().map(LineItem::getProductId)
          .collect(Collectors.toCollection(TreeSet::new));
      if (products.size() > MAX_PRODUCTS) {
        continue;
      }
      // Only the order's TOP_PRODUCTS most valuable products (by their best line) pair up.
      Map<String, Long> bestLine = new HashMap<>();
      order.getLines().forEach(l -> bestLine.merge(l.getProductId(), l.getUnitPriceMinor() * l.getQuantity(), Math::max));
      products.retainAll(bestLine.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(e -> firstLine(order, e.getKey())))
          .limit(TOP_PRODUCTS).map(Map.Entry::getKey).toList());
      for (String a : products) {
        for (String b : products) {
          if (!a.equals(b)) {
            counts.computeIfAbsent(a, k -> new HashMap<>()).merge(b, 1L, Long::sum);
          }
        }
      }
    }
    return counts;
  }

  private static int firstLine(OrderPlaced order, String productId) {
    List<LineItem> lines = order.getLines();
    long best = lines.stream().filter(l -> l.getProductId().equals(productId))
        .mapToLong(l -> l.getUnitPriceMinor() * l.getQuantity()).max().orElseThrow();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).getProductId().equals(productId) && lines.get(i).getUnitPriceMinor() * lines.get(i).getQuantity() == best) {
        return i;
      }
    }
    throw new IllegalStateException(productId);
  }

  private static List<BoughtTogether.Companion> topK(Map<String, Long> counts, int k, long minSupport) {
    List<BoughtTogether.Companion> all = new ArrayList<>();
    counts.forEach((product, n) -> {
      if (n >= minSupport) {
        all.add(new BoughtTogether.Companion(product, n));
      }
    });
    all.sort(Comparator.comparingLong(BoughtTogether.Companion::orders).reversed()
        .thenComparing(BoughtTogether.Companion::productId));
    return all.subList(0, Math.min(k, all.size()));
  }
}
