package io.upsell.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsell.schemas.app.UsageReported;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.testkit.TestBroker;
import io.upsell.testkit.TopicRecords;
import io.upsell.testkit.WithKafka;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The publisher and the idempotency log against the real broker: restarts, a second instance, a dead broker. */
@WithKafka
class PublisherTest {

  private static final EventSerdes SERDES = EventSerdes.singleObject();

  @Test
  void aRepeatedEventIdIsPublishedOnceAlsoAfterARestart(TestBroker broker, TopicRecords records) throws Exception {
    String customer = "c-" + UUID.randomUUID();
    Outgoing usage = usage(customer, "e-" + UUID.randomUUID());
    try (var seen = ready(broker); var publisher = publisher(broker.bootstrapServers(), seen)) {
      assertThat(publisher.submit("shop-a", List.of(usage), null).get(10, TimeUnit.SECONDS))
          .isEqualTo(new Publisher.Outcome(1, 0));
      assertThat(publisher.submit("shop-a", List.of(usage), null).get(10, TimeUnit.SECONDS))
          .isEqualTo(new Publisher.Outcome(0, 1));
    }
    // Restart: a new log reader and publisher know only what is in Kafka.
    try (var seen = ready(broker); var publisher = publisher(broker.bootstrapServers(), seen)) {
      assertThat(publisher.submit("shop-a", List.of(usage), null).get(10, TimeUnit.SECONDS))
          .isEqualTo(new Publisher.Outcome(0, 1));
    }
    assertThat(records.readAll(Topics.APP_USAGE, r -> r.key().equals("shop-a:" + customer), Duration.ofSeconds(1)))
        .hasSize(1);
  }

  @Test
  void aSecondRunningInstanceLearnsTheIdsTheFirstPublished(TestBroker broker, TopicRecords records) throws Exception {
    String customer = "c-" + UUID.randomUUID();
    Outgoing usage = usage(customer, "e-" + UUID.randomUUID());
    try (var seenA = ready(broker); var a = publisher(broker.bootstrapServers(), seenA);
        var seenB = ready(broker); var b = publisher(broker.bootstrapServers(), seenB)) {
      a.submit("shop-a", List.of(usage), null).get(10, TimeUnit.SECONDS);
      String id = Keys.customer("shop-a", usage.eventId());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!seenB.contains(id, System.currentTimeMillis()) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(b.submit("shop-a", List.of(usage), null).get(10, TimeUnit.SECONDS))
          .isEqualTo(new Publisher.Outcome(0, 1));
    }
    assertThat(records.readAll(Topics.APP_USAGE, r -> r.key().equals("shop-a:" + customer), Duration.ofSeconds(1)))
        .hasSize(1);
  }

  @Test
  void theSameEventIdReachingSeveralOpenTransactionsIsPublishedOnce(TestBroker broker, TopicRecords records)
      throws Exception {
    String customer = "c-" + UUID.randomUUID();
    Outgoing usage = usage(customer, "e-" + UUID.randomUUID());
    List<CompletableFuture<Publisher.Outcome>> answers = new ArrayList<>();
    try (var seen = ready(broker); var publisher = publisher(broker.bootstrapServers(), seen)) {
      // Staggered, so idle lanes pick them up while the first transaction is still open.
      for (int i = 0; i < 20; i++) {
        answers.add(publisher.submit("shop-a", List.of(usage), null));
        Thread.sleep(2);
      }
      List<Publisher.Outcome> outcomes = new ArrayList<>();
      for (var answer : answers) {
        outcomes.add(answer.get(10, TimeUnit.SECONDS));
      }
      assertThat(outcomes).filteredOn(o -> o.equals(new Publisher.Outcome(1, 0))).hasSize(1);
      assertThat(outcomes).filteredOn(o -> o.equals(new Publisher.Outcome(0, 1))).hasSize(19);
    }
    assertThat(records.readAll(Topics.APP_USAGE, r -> r.key().equals("shop-a:" + customer), Duration.ofSeconds(1)))
        .hasSize(1);
  }

  @Test
  void aRecordKafkaCannotTakeIsRefusedAloneAndNeverJoinsAnotherRequestsTransaction(TestBroker broker,
      TopicRecords records) throws Exception {
    String customer = "c-" + UUID.randomUUID();
    Outgoing good = usage(customer, "e-" + UUID.randomUUID());
    Outgoing beforeEpoch = new Outgoing(good.topic(), good.key(), good.value(), -1_000, "e-" + UUID.randomUUID());
    Outgoing hugeKey = new Outgoing(good.topic(), "shop-a:" + "k".repeat(1024 * 1024), good.value(), 1_000,
        "e-" + UUID.randomUUID());
    try (var seen = ready(broker); var publisher = publisher(broker.bootstrapServers(), seen)) {
      var refusedTime = publisher.submit("shop-a", List.of(good, beforeEpoch), null);
      var refusedKey = publisher.submit("shop-a", List.of(hugeKey), null);
      var accepted = publisher.submit("shop-a", List.of(good), null);

      assertThatThrownBy(() -> refusedTime.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(Publisher.Refused.class).hasMessageContaining("timestamp");
      assertThatThrownBy(() -> refusedKey.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(Publisher.Refused.class).hasMessageContaining("bytes");
      assertThat(accepted.get(10, TimeUnit.SECONDS)).isEqualTo(new Publisher.Outcome(1, 0));
    }
    assertThat(records.readAll(Topics.APP_USAGE, r -> r.key().equals("shop-a:" + customer), Duration.ofSeconds(1)))
        .hasSize(1);
  }

  @Test
  void aDeadBrokerFailsTheRequestWithinTheBoundedWaitAndTheNextOneAtOnce(TestBroker broker) throws Exception {
    try (var seen = ready(broker); var publisher = publisher(deadAddress(), seen)) {
      var first = publisher.submit("shop-a", List.of(usage("c-1", "e-" + UUID.randomUUID())), null);
      // The bound is max.block.ms (1 s here); 10 s only guards the test against a hang.
      assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(Publisher.Unavailable.class);

      var next = publisher.submit("shop-a", List.of(usage("c-1", "e-" + UUID.randomUUID())), null);
      assertThat(next).as("refused at once while Kafka is known to be down").isCompletedExceptionally();
    }
  }

  @Test
  void nothingIsAcceptedBeforeTheIdempotencyLogIsRead() throws Exception {
    try (var seen = new SeenIds(deadAddress(), Duration.ofDays(7)); var publisher = publisher(deadAddress(), seen)) {
      var submitted = publisher.submit("shop-a", List.of(usage("c-1", "e-1")), null);
      assertThat(submitted).isCompletedExceptionally();
    }
  }

  static SeenIds ready(TestBroker broker) throws InterruptedException {
    SeenIds seen = new SeenIds(broker.bootstrapServers(), Duration.ofDays(7)).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!seen.ready() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(seen.ready()).isTrue();
    return seen;
  }

  static Publisher publisher(String servers, SeenIds seen) {
    return new Publisher(new PublisherSettings(servers, "test-" + UUID.randomUUID(), Duration.ofSeconds(1),
        Duration.ofSeconds(2), 100, 1000, Duration.ofSeconds(5), 3, Duration.ofMillis(3), Duration.ofSeconds(5)), seen,
        SERDES);
  }

  static Outgoing usage(String customer, String eventId) {
    UsageReported usage = UsageReported.newBuilder().setShopId("shop-a").setCustomerId(customer).setEventId(eventId)
        .setOccurredAt(Instant.ofEpochMilli(1_000)).setResource("storage").setUsedUnits(1).setQuotaUnits(2).build();
    byte[] bytes = SERDES.valueSerde(Topics.APP_USAGE).serializer().serialize(Topics.APP_USAGE.name(), usage);
    return new Outgoing(Topics.APP_USAGE.name(), Keys.customer("shop-a", customer), bytes, 1_000, eventId);
  }

  // A port nothing listens on: bound and released, so connecting is refused.
  private static String deadAddress() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "127.0.0.1:" + socket.getLocalPort();
    }
  }
}
