package io.upsell.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.testkit.BulkProducer;
import io.upsell.engine.testing.FourTriggerCustomers;
import io.upsell.engine.testing.TestConfig;
import io.upsell.engine.topology.EngineTopology;
import io.upsell.platform.shops.ShopDirectory;
import io.upsell.engine.topology.Scope;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.testkit.TestBroker;
import io.upsell.testkit.TopicRecords;
import io.upsell.testkit.WithKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * The same events through two engines on the real broker: one runs uninterrupted, the other is stopped mid-stream
 * (with pending timers), loses its local state, and restarts from its changelogs. Both publish the same triggers,
 * the interrupted one none twice.
 */
@WithKafka
class ExactlyOnceRestartTest {

  private static final int CUSTOMERS = 40;
  private static final int PER_CUSTOMER = FourTriggerCustomers.PER_CUSTOMER;

  @Test
  void stoppingAndRestartingMidStreamNeitherDuplicatesNorLosesTriggers(TestBroker broker, TopicRecords records)
      throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String steady = "eos-steady-" + run;
    String restarted = "eos-restart-" + run;
    Instant start = Instant.now();

    try (KafkaStreams engine = engine(broker, steady, Files.createTempDirectory("eos-a"))) {
      engine.start();
      produce(broker, steady, start, 0, CUSTOMERS);
      awaitTriggers(records, steady);
    }

    Path firstState = Files.createTempDirectory("eos-b1");
    try (KafkaStreams engine = engine(broker, restarted, firstState)) {
      engine.start();
      produce(broker, restarted, start, 0, CUSTOMERS / 2);
      records.await(Topics.UPSELL_TRIGGERS, r -> r.value().getShopId().equals(restarted), 10, Duration.ofSeconds(60));
    }
    // A new instance on a fresh disk: everything it knows comes back from the changelogs.
    produce(broker, restarted, start, CUSTOMERS / 2, CUSTOMERS);
    try (KafkaStreams engine = engine(broker, restarted, Files.createTempDirectory("eos-b2"))) {
      engine.start();
      awaitTriggers(records, restarted);
    }

    List<UpsellTrigger> uninterrupted = published(records, steady);
    List<UpsellTrigger> interrupted = published(records, restarted);
    assertThat(interrupted).extracting(UpsellTrigger::getTriggerId).doesNotHaveDuplicates();
    assertThat(interrupted).hasSize(CUSTOMERS * PER_CUSTOMER);
    assertThat(interrupted.stream().map(FourTriggerCustomers::identity).sorted().toList())
        .isEqualTo(uninterrupted.stream().map(FourTriggerCustomers::identity).sorted().toList());
  }

  private static void awaitTriggers(TopicRecords records, String shop) {
    records.await(Topics.UPSELL_TRIGGERS, r -> r.value().getShopId().equals(shop), CUSTOMERS * PER_CUSTOMER,
        Duration.ofSeconds(90));
  }

  private static List<UpsellTrigger> published(TopicRecords records, String shop) {
    return records.readAll(Topics.UPSELL_TRIGGERS, r -> r.value().getShopId().equals(shop), Duration.ofSeconds(3))
        .stream().map(r -> r.value()).toList();
  }

  private static KafkaStreams engine(TestBroker broker, String shop, Path stateDir) {
    var config = TestConfig.engine(Map.of("upsell.engine.holdout-percent", "0",
        "upsell.engine.quiet-hours-start", "00:00", "upsell.engine.quiet-hours-end", "00:00"));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "engine-" + shop);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    EventSerdes serdes = EventSerdes.singleObject();
    // Scoped to its own shop, so the two engines on the shared topics each decide only their own run.
    return new KafkaStreams(EngineTopology.build(config, serdes, new ShopDirectory(Map.of()), new Scope(shop, Long.MIN_VALUE, Long.MAX_VALUE),
        null, EngineTopology.toLiveTopics(serdes)), props);
  }

  private static void produce(TestBroker broker, String shop, Instant start, int from, int to) {
    try (BulkProducer out = new BulkProducer(broker.bootstrapServers())) {
      FourTriggerCustomers.send(out, shop, start, from, to);
    }
  }
}
