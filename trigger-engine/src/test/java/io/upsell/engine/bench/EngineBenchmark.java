package io.upsell.engine.bench;

import io.upsell.engine.testing.BulkProducer;
import io.upsell.engine.testing.TestConfig;
import io.upsell.engine.topology.EngineTopology;
import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.shop.CartEvent;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.testkit.TestBroker;
import io.upsell.testkit.TestKafka;
import io.upsell.testkit.TopicRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Events/s of the whole engine topology beside two exactly-once ceilings on the same broker in the same run (a
 * pass-through app and a groupByKey().count() app), timer lag of wall-clock timers, and the JVM's RSS.
 * Args: [events] (default 1,000,000).
 */
public final class EngineBenchmark {

  private static final int LAG_CARTS = 2000;

  public static void main(String[] args) throws Exception {
    long wanted = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    TestBroker broker = TestKafka.broker();
    String bootstrap = broker.bootstrapServers();
    long events;
    long producing = System.nanoTime();
    try (BulkProducer out = new BulkProducer(bootstrap)) {
      events = BenchEvents.produce(out, wanted);
    }
    System.err.printf("[bench] produced %,d events in %.1f s%n", events, (System.nanoTime() - producing) / 1e9);
    HashSet<String> inputs = new HashSet<>(StreamsRun.names(BenchEvents.TOPICS));
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      String sink = "bench-passthrough-sink";
      admin.createTopics(List.of(new NewTopic(sink, Topics.CUSTOMER_PARTITIONS, (short) 1))).all().get();
      double passThrough = StreamsRun.time(admin, passThrough(inputs, sink), StreamsRun.props(bootstrap, "bench-pass"),
          inputs);
      System.err.printf("[bench] pass-through %.1f s%n", passThrough);
      double count = StreamsRun.time(admin, count(inputs), StreamsRun.props(bootstrap, "bench-count"), inputs);
      System.err.printf("[bench] count %.1f s%n", count);
      var config = TestConfig.engine(Map.of("upsell.engine.quiet-hours-start", "00:00",
          "upsell.engine.quiet-hours-end", "00:00"));
      Properties engineProps = StreamsRun.props(bootstrap, "bench-engine");
      var topology = EngineTopology.live(config, EventSerdes.singleObject());
      double ours = StreamsRun.time(admin, topology, engineProps, inputs);
      System.err.printf("[bench] engine %.1f s%n", ours);
      long[] lag = timerLag(bootstrap, topology, engineProps, broker);
      long rss = rssKb();
      print(events, ours, passThrough, count, lag, rss);
    }
    System.exit(0);
  }

  private static org.apache.kafka.streams.Topology passThrough(java.util.Set<String> inputs, String sink) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(inputs, Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .to(sink, Produced.with(Serdes.String(), Serdes.ByteArray()));
    return builder.build();
  }

  private static org.apache.kafka.streams.Topology count(java.util.Set<String> inputs) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(inputs, Consumed.with(Serdes.String(), Serdes.ByteArray())).groupByKey().count();
    return builder.build();
  }

  /**
   * Fresh customers' carts, idle since 30 minutes minus a few seconds: their reminders come due on the wall clock
   * while the engine runs; lag = firedAt - dueAt of each published reminder. Returns {count, p50, p99, max} ms.
   */
  private static long[] timerLag(String bootstrap, org.apache.kafka.streams.Topology topology, Properties props,
      TestBroker broker) throws Exception {
    try (KafkaStreams engine = new KafkaStreams(topology, props)) {
      engine.start();
      // Let it finish restoring and rebalancing, so the reminders are timers when they arrive, not a backlog.
      while (engine.state() != KafkaStreams.State.RUNNING) {
        Thread.sleep(100);
      }
      Thread.sleep(5000);
      Instant now = Instant.now();
      try (BulkProducer out = new BulkProducer(bootstrap)) {
        for (int i = 0; i < LAG_CARTS; i++) {
          String customer = "lag-" + i;
          String key = Keys.customer("bench-lag", customer);
          long known = now.minus(Duration.ofHours(2)).toEpochMilli();
          out.send(Topics.CRM_CUSTOMERS, key, CustomerProfile.newBuilder().setShopId("bench-lag")
              .setCustomerId(customer).setEventId("lp-" + i).setOccurredAt(Instant.ofEpochMilli(known))
              .setMarketingConsent(true).build(), known);
          long idle = now.minus(Duration.ofMinutes(30)).plusSeconds(10).toEpochMilli() + i * 2L;
          out.send(Topics.SHOP_CARTS, key, CartEvent.newBuilder().setShopId("bench-lag").setCustomerId(customer)
              .setEventId("lag-cart-" + i).setOccurredAt(Instant.ofEpochMilli(idle)).setCartId("c")
              .setType(CartEventType.ITEM_ADDED).setItems(List.of(LineItem.newBuilder().setProductId("mug")
                  .setQuantity(1).setUnitPriceMinor(500).build())).setValueMinor(500).setCurrency("GBP").build(), idle);
        }
      }
      TopicRecords records = new TopicRecords(broker, EventSerdes.singleObject());
      List<Long> lags = records.await(Topics.UPSELL_TRIGGERS, r -> r.value().getShopId().equals("bench-lag"),
          (int) (LAG_CARTS * 0.9), Duration.ofSeconds(60)).stream().map(r -> lag(r.value())).sorted().toList();
      if (lags.isEmpty()) {
        return new long[] {0, -1, -1, -1};
      }
      return new long[] {lags.size(), lags.get(lags.size() / 2), lags.get((int) (lags.size() * 0.99)),
          lags.get(lags.size() - 1)};
    }
  }

  private static long lag(UpsellTrigger t) {
    return t.getFiredAt().toEpochMilli() - t.getDueAt().toEpochMilli();
  }

  private static long rssKb() throws java.io.IOException {
    return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
        .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1L);
  }

  private static void print(long events, double ours, double passThrough, double count, long[] lag, long rssKb) {
    double oursRate = events / ours;
    System.out.println();
    System.out.println("| figure | ours | ceiling | ratio |");
    System.out.println("| --- | ---: | ---: | ---: |");
    System.out.printf("| events/s, full engine vs pass-through (EOS, 1 thread) | %,.0f | %,.0f | %.0f%% |%n", oursRate,
        events / passThrough, 100 * oursRate / (events / passThrough));
    System.out.printf("| events/s, full engine vs groupByKey().count() (EOS, 1 thread) | %,.0f | %,.0f | %.0f%% |%n",
        oursRate, events / count, 100 * oursRate / (events / count));
    System.out.printf("| timer lag p50 / p99 / max, ms (%d reminders, wall clock) | %d / %d / %d | 1000 (p99 target) | %s |%n",
        lag[0], lag[1], lag[2], lag[3], lag[2] >= 0 && lag[2] < 1000 ? "met" : "missed");
    System.out.printf("| RSS of the bench JVM (broker + engine + clients), MB | %d | - | - |%n", rssKb / 1024);
    System.out.printf("%nevents: %,d; engine %.1f s, pass-through %.1f s, count %.1f s%n", events, ours, passThrough,
        count);
  }
}
