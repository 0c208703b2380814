package io.upsell.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.engine.testing.FourTriggerCustomers;
import io.upsell.engine.testing.TestConfig;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.testkit.BulkProducer;
import io.upsell.testkit.ServiceProcess;
import io.upsell.testkit.TestBroker;
import io.upsell.testkit.TestKafka;
import io.upsell.testkit.TestShops;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Exactly once across a real crash: the packaged engine is killed with SIGKILL while events are still arriving (no
 * shutdown, no commit, a transaction left open), started again on the same state directory, and everything it
 * published is compared with what an engine that ran over the same events without interruption published: the same
 * triggers, none twice. (ExactlyOnceRestartTest covers a clean stop that loses the local state; this is the crash.)
 */
class EngineCrashIT {

  private static final int CUSTOMERS = 600;
  private static final int SLICES = 20;
  private static final int EXPECTED = CUSTOMERS * FourTriggerCustomers.PER_CUSTOMER;

  @Test
  void anEngineKilledMidStreamPublishesWhatAnUninterruptedOneDoesAndNothingTwice() throws Exception {
    TestBroker broker = TestKafka.broker();
    String run = UUID.randomUUID().toString().substring(0, 8);
    String shop = "crash-" + run;
    Path state = Files.createTempDirectory("engine-crash");
    try (Published published = new Published(broker, shop); BulkProducer out = new BulkProducer(broker.bootstrapServers())) {
      // Given consenting customers and an engine taking in their activity slice by slice
      Instant known = Instant.now();
      FourTriggerCustomers.sendProfiles(out, shop, known, 0, CUSTOMERS);
      ServiceProcess crashing = engine(broker, "engine-crash-" + run, state, "crash-first.log");
      // Carts fall due 4-10 s from here: some reminders are pending timers when the engine dies.
      Instant start = Instant.now();
      int slice = 0;
      while (published.count() < EXPECTED / 4 && slice < SLICES) {
        send(out, shop, start, slice++);
        // Paced by the engine: on once half the storage and course prompts of the slices so far are out.
        published.awaitAtLeast(slice * (CUSTOMERS / SLICES) * 3 / 2);
      }

      // When it is killed mid-stream, the rest arrives while it is down, and it is started again on its state directory
      crashing.kill();
      crashing.close();
      int seenAtKill = published.count();
      log("killed after " + slice + " of " + SLICES + " slices were sent, " + seenAtKill + " of " + EXPECTED
          + " triggers published");
      assertThat(seenAtKill).as("the kill came while the engine was publishing").isBetween(1, EXPECTED - 1);
      assertThat(slice).as("events were still arriving").isLessThan(SLICES);
      while (slice < SLICES) {
        send(out, shop, start, slice++);
      }
      List<ConsumerRecord<String, UpsellTrigger>> interrupted;
      try (var restarted = engine(broker, "engine-crash-" + run, state, "crash-restarted.log")) {
        interrupted = published.awaitQuiet(EXPECTED);
      }

      // And an engine that is never interrupted reads the same events
      try (var steady = engine(broker, "engine-steady-" + run, Files.createTempDirectory("engine-steady"),
          "crash-steady.log")) {
        published.awaitQuiet(2 * EXPECTED);
      }
      List<ConsumerRecord<String, UpsellTrigger>> uninterrupted =
          published.all().subList(interrupted.size(), published.count());
      log("triggers published: interrupted run " + interrupted.size() + ", uninterrupted run " + uninterrupted.size());

      // Then the crashed engine published each trigger exactly once: the same ones as the uninterrupted engine
      assertThat(interrupted).extracting(r -> r.value().getTriggerId()).doesNotHaveDuplicates();
      assertThat(identities(interrupted)).containsExactlyInAnyOrderElementsOf(identities(uninterrupted));
      assertThat(identities(interrupted)).doesNotHaveDuplicates().hasSize(EXPECTED);
    }
  }

  private static void send(BulkProducer out, String shop, Instant start, int slice) {
    FourTriggerCustomers.sendActivity(out, shop, start, slice * CUSTOMERS / SLICES, (slice + 1) * CUSTOMERS / SLICES);
  }

  private static List<String> identities(List<ConsumerRecord<String, UpsellTrigger>> records) {
    return records.stream().map(r -> FourTriggerCustomers.identity(r.value())).sorted().toList();
  }

  /**
   * The packaged engine as the launcher starts it, under its own application id, holdout and quiet hours off, and a
   * shorter consumer session.
   */
  private static ServiceProcess engine(TestBroker broker, String applicationId, Path state, String log)
      throws Exception {
    List<String> options = List.of("-Xmx256m", "-XX:+UseSerialGC",
        "-Dquarkus.kafka-streams.application-id=" + applicationId, "-Dupsell.engine.holdout-percent=0",
        "-Dupsell.engine.quiet-hours-start=00:00", "-Dupsell.engine.quiet-hours-end=00:00",
        // The group waits out a killed member's session before it hands its partitions on: 10 s, not 45, here.
        "-Dkafka-streams.session.timeout.ms=10000");
    Map<String, String> env = Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
        "QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
        "KAFKA_STREAMS_STATE_DIR", state.toString(),
        // Production refuses to start without a coupon key; the launcher passes one the same way.
        "UPSELL_ENGINE_COUPON_SECRET", TestConfig.TEST_COUPON_SECRET,
        "UPSELL_SHOPS_FILE", TestShops.writeFile().toString(),
        "QUARKUS_HTTP_HOST", "127.0.0.1");
    return ServiceProcess.start(ServiceProcess.jar("trigger-engine"), options, env, ServiceProcess.freePort(),
        Path.of("target", log), Duration.ofSeconds(90));
  }

  /**
   * The shop's triggers as a read_committed consumer sees them, in the order read: no consumer group (nothing to
   * join between polls), every partition from its start.
   */
  private static final class Published implements AutoCloseable {

    private final KafkaConsumer<String, UpsellTrigger> consumer;
    private final String shop;
    private final List<ConsumerRecord<String, UpsellTrigger>> seen = new ArrayList<>();

    Published(TestBroker broker, String shop) {
      EventSerdes serdes = EventSerdes.singleObject();
      this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
          ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
          serdes.keySerde().deserializer(), serdes.valueSerde(Topics.UPSELL_TRIGGERS).deserializer());
      this.shop = shop;
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.UPSELL_TRIGGERS.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }

    /** Reads on for about {@code time}; returns whether anything of the shop arrived. */
    boolean poll(Duration time) {
      int before = seen.size();
      long until = System.nanoTime() + time.toNanos();
      do {
        consumer.poll(Duration.ofMillis(50)).forEach(r -> {
          if (r.value().getShopId().equals(shop)) {
            seen.add(r);
          }
        });
      } while (System.nanoTime() < until);
      return seen.size() > before;
    }

    /** Reads until at least {@code count} arrived, or two minutes passed. */
    void awaitAtLeast(int count) {
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (seen.size() < count && System.nanoTime() < deadline) {
        poll(Duration.ofMillis(50));
      }
    }

    /** Reads until at least {@code count} arrived (or two minutes passed) and then nothing more for 3 s. */
    List<ConsumerRecord<String, UpsellTrigger>> awaitQuiet(int count) {
      awaitAtLeast(count);
      while (poll(Duration.ofSeconds(3))) {
        // a late duplicate must be seen before anything is compared
      }
      return List.copyOf(seen);
    }

    int count() {
      return seen.size();
    }

    List<ConsumerRecord<String, UpsellTrigger>> all() {
      return List.copyOf(seen);
    }

    @Override
    public void close() {
      consumer.close();
    }
  }

  private static void log(String message) {
    System.out.println("[engine crash] " + message);
  }
}
