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
import java.util.HashMap;
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
 * wall clock while the engine runs; lag = time the cart's decision is read (read_committed, so after the engine's
 * commit) minus its due time. A cart's decision is its reminder on {@code upsell.triggers} or, for a customer in the
 * holdout, its suppression on {@code upsell.suppressed}: either way its timer went off. The reader waits for every
 * cart, up to {@link #WAIT} after they were sent, so the slowest ones are in the percentiles; carts still undecided
 * then are counted as missing.
 */
final class TimerLag {

  private static final int CARTS = 2000;
  private static final String SHOP = "bench-lag";
  /** The last cart comes due about 14 s after sending; far beyond that a reminder is lost, not late. */
  static final Duration WAIT = Duration.ofSeconds(120);

  /** Lags in ms over every cart decided (nearest-rank percentiles), how many were suppressed, how many missing. */
  record Result(int carts, int decided, int suppressed, long p50, long p99, long max) {
    int missing() {
      return carts - decided;
    }
  }

  private TimerLag() {}

  static Result measure(String bootstrap, Topology topology, Properties props) throws Exception {
    try (KafkaStreams engine = new KafkaStreams(topology, props); KafkaConsumer<String, byte[]> reader = reader(bootstrap)) {
      engine.start();
      // Let it finish restoring and rebalancing, so the reminders are timers when they arrive, not a backlog.
      while (engine.state() != KafkaStreams.State.RUNNING) {
        Thread.sleep(100);
      }
      Thread.sleep(5000);
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : List.of(Topics.UPSELL_TRIGGERS.name(), Topics.UPSELL_SUPPRESSED.name())) {
        reader.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      }
      reader.assign(partitions);
      reader.seekToEnd(partitions);
      partitions.forEach(reader::position);
      sendIdleCarts(bootstrap, Instant.now());
      return read(reader);
    }
  }

  private static Result read(KafkaConsumer<String, byte[]> reader) {
    var reminders = EventSerdes.singleObject().valueSerde(Topics.UPSELL_TRIGGERS).deserializer();
    var suppressions = EventSerdes.singleObject().valueSerde(Topics.UPSELL_SUPPRESSED).deserializer();
    Map<String, Long> lagByCustomer = new HashMap<>();
    int suppressed = 0;
    long deadline = System.currentTimeMillis() + WAIT.toMillis();
    while (lagByCustomer.size() < CARTS && System.currentTimeMillis() < deadline) {
      for (var record : reader.poll(Duration.ofMillis(50))) {
        long readAt = System.currentTimeMillis();
        boolean reminder = record.topic().equals(Topics.UPSELL_TRIGGERS.name());
        UpsellTrigger trigger = reminder ? reminders.deserialize(record.topic(), record.value())
            : suppressions.deserialize(record.topic(), record.value()).getTrigger();
        if (SHOP.equals(trigger.getShopId())
            && lagByCustomer.putIfAbsent(trigger.getCustomerId(), readAt - trigger.getDueAt().toEpochMilli()) == null
            && !reminder) {
          suppressed++;
        }
      }
    }
    List<Long> sorted = lagByCustomer.values().stream().sorted().toList();
    return new Result(CARTS, sorted.size(), suppressed, at(sorted, 0.50), at(sorted, 0.99), at(sorted, 1.0));
  }

  private static long at(List<Long> sorted, double p) {
    return sorted.isEmpty() ? -1 : sorted.get((int) Math.max(0, Math.ceil(p * sorted.size()) - 1));
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
}
