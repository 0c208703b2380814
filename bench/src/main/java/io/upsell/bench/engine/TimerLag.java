package io.upsell.bench.engine;

import io.upsell.testkit.BulkProducer;
import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.shop.CartEvent;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * Timer lag as a reader sees it: fresh customers' carts idle since 30 minutes minus a few seconds come due on the
 * wall clock while the engine runs; lag = time the reminder is read (read_committed, so after the engine's commit)
 * minus its due time. Returns {count, p50, p99, max} ms.
 */
final class TimerLag {

  private static final int CARTS = 2000;
  private static final String SHOP = "bench-lag";

  private TimerLag() {}

  static long[] measure(String bootstrap, Topology topology, Properties props) throws Exception {
    try (KafkaStreams engine = new KafkaStreams(topology, props); KafkaConsumer<String, byte[]> reader = reader(bootstrap)) {
      engine.start();
      // Let it finish restoring and rebalancing, so the reminders are timers when they arrive, not a backlog.
      while (engine.state() != KafkaStreams.State.RUNNING) {
        Thread.sleep(100);
      }
      Thread.sleep(5000);
      List<TopicPartition> partitions = reader.partitionsFor(Topics.UPSELL_TRIGGERS.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      reader.assign(partitions);
      reader.seekToEnd(partitions);
      partitions.forEach(reader::position);
      sendIdleCarts(bootstrap, Instant.now());
      return percentiles(read(reader));
    }
  }

  private static List<Long> read(KafkaConsumer<String, byte[]> reader) {
    var values = EventSerdes.singleObject().valueSerde(Topics.UPSELL_TRIGGERS).deserializer();
    List<Long> lags = new ArrayList<>();
    long deadline = System.currentTimeMillis() + 60_000;
    while (lags.size() < CARTS * 0.9 && System.currentTimeMillis() < deadline) {
      for (var record : reader.poll(Duration.ofMillis(50))) {
        long readAt = System.currentTimeMillis();
        UpsellTrigger trigger = values.deserialize(record.topic(), record.value());
        if (SHOP.equals(trigger.getShopId())) {
          lags.add(readAt - trigger.getDueAt().toEpochMilli());
        }
      }
    }
    return lags;
  }

  private static void sendIdleCarts(String bootstrap, Instant now) {
    try (BulkProducer out = new BulkProducer(bootstrap)) {
      for (int i = 0; i < CARTS; i++) {
        String customer = "lag-" + i;
        String key = Keys.customer(SHOP, customer);
        long known = now.minus(Duration.ofHours(2)).toEpochMilli();
        out.send(Topics.CRM_CUSTOMERS, key, CustomerProfile.newBuilder().setShopId(SHOP)
            .setCustomerId(customer).setEventId("lp-" + i).setOccurredAt(Instant.ofEpochMilli(known))
            .setMarketingConsent(true).build(), known);
        long idle = now.minus(Duration.ofMinutes(30)).plusSeconds(10).toEpochMilli() + i * 2L;
        out.send(Topics.SHOP_CARTS, key, CartEvent.newBuilder().setShopId(SHOP).setCustomerId(customer)
            .setEventId("lag-cart-" + i).setOccurredAt(Instant.ofEpochMilli(idle)).setCartId("c")
            .setType(CartEventType.ITEM_ADDED).setItems(List.of(LineItem.newBuilder().setProductId("mug")
                .setQuantity(1).setUnitPriceMinor(500).build())).setValueMinor(500).setCurrency("GBP").build(), idle);
      }
    }
  }

  private static KafkaConsumer<String, byte[]> reader(String bootstrap) {
    return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static long[] percentiles(List<Long> lags) {
    if (lags.isEmpty()) {
      return new long[] {0, -1, -1, -1};
    }
    List<Long> sorted = lags.stream().sorted().toList();
    return new long[] {sorted.size(), sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.99)),
        sorted.get(sorted.size() - 1)};
  }
}
