package io.upsell.engine.testing;

import io.upsell.engine.learned.BoughtTogether;
import io.upsell.engine.learned.TopCompanions;
import io.upsell.engine.policy.CustomerFacts;
import io.upsell.engine.policy.Decider;
import io.upsell.engine.policy.FactsKeeper;
import io.upsell.engine.topology.StateSerde;
import io.upsell.engine.triggers.Watch;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topics;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/** The latest changelog record per store and key, as a broker's compacted changelog topics would hold them. */
final class Changelogs {

  private static final String APP = "engine-test";
  private final Map<String, Map<String, byte[]>> latest = new HashMap<>();

  void capture(TopologyTestDriver driver) {
    for (String store : driver.getAllStateStores().keySet()) {
      String topic = APP + "-" + store + "-changelog";
      if (!driver.producedTopicNames().contains(topic)) {
        continue;
      }
      var records = driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer())
          .readKeyValuesToList();
      Map<String, byte[]> byKey = latest.computeIfAbsent(store, s -> new LinkedHashMap<>());
      records.forEach(kv -> byKey.put(kv.key, kv.value));
    }
  }

  void putAll(Changelogs other) {
    other.latest.forEach((store, records) -> latest.put(store, new LinkedHashMap<>(records)));
  }

  /** Replays every captured changelog into the new driver's (empty) stores, tombstones as deletes. */
  @SuppressWarnings("unchecked")
  void restore(TopologyTestDriver driver, EventSerdes serdes) {
    latest.forEach((store, records) -> {
      Deserializer<Object> values = (Deserializer<Object>) valueDeserializer(store, serdes);
      KeyValueStore<String, Object> target = driver.getKeyValueStore(store);
      records.forEach((key, bytes) -> {
        if (bytes == null) {
          target.delete(key);
        } else {
          target.put(key, values.deserialize(store, bytes));
        }
      });
    });
  }

  private static Deserializer<?> valueDeserializer(String store, EventSerdes serdes) {
    return switch (store) {
      case Decider.TIMERS -> serdes.valueSerde(Topics.UPSELL_TRIGGERS).deserializer();
      case FactsKeeper.STORE -> StateSerde.of(CustomerFacts.class, CustomerFacts.CODEC).deserializer();
      case BoughtTogether.STORE -> Serdes.Long().deserializer();
      case BoughtTogether.TOP -> StateSerde.of(TopCompanions.class, TopCompanions.CODEC).deserializer();
      default -> StateSerde.of(Watch.class, Watch.CODEC).deserializer();
    };
  }
}
