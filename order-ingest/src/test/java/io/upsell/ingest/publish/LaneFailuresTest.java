package io.upsell.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topics;
import io.upsell.testkit.TestBroker;
import io.upsell.testkit.TopicRecords;
import io.upsell.testkit.WithKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * How a lane meets failures, on the real broker: a commit that timed out is retried, one left unconfirmed is never
 * written twice, a fenced lane stops instead of fencing back, and an unexpected failure costs only its own request.
 */
@WithKafka
class LaneFailuresTest {

  private static final EventSerdes SERDES = EventSerdes.singleObject();

  /** A real producer whose commit first "times out" {@code before} times, or commits and then never confirms. */
  private static final class SlowToConfirm extends KafkaProducer<String, byte[]> {
    private final AtomicInteger before;
    private final AtomicBoolean unconfirmNext;
    private boolean unconfirmed;

    SlowToConfirm(Map<String, Object> config, AtomicInteger before, AtomicBoolean unconfirmNext) {
      super(config, new StringSerializer(), new ByteArraySerializer());
      this.before = before;
      this.unconfirmNext = unconfirmNext;
    }

    @Override
    public void commitTransaction() {
      if (unconfirmed || before.getAndDecrement() > 0) {
        throw new TimeoutException("test: commit not confirmed within max.block.ms");
      }
      super.commitTransaction();
      if (unconfirmNext.compareAndSet(true, false)) {
        unconfirmed = true;
        throw new TimeoutException("test: committed, but not confirmed within max.block.ms");
      }
    }
  }

  @Test
  void aCommitThatTimedOutIsRetriedOnTheSameProducerAndTheEventWrittenOnce(TestBroker broker, TopicRecords records)
      throws Exception {
    AtomicInteger made = new AtomicInteger();
    AtomicInteger timeouts = new AtomicInteger(2);
    PublisherSettings settings = settings(broker, 1, Duration.ofSeconds(5));
    Outgoing usage = usage("e-" + UUID.randomUUID());
    try (var seen = PublisherTest.ready(broker); var publisher = publisher(settings, seen, id -> {
      made.incrementAndGet();
      return new SlowToConfirm(settings.producerConfig(id), timeouts, new AtomicBoolean());
    })) {
      assertThat(publisher.submit("shop-a", List.of(usage), null).get(10, TimeUnit.SECONDS))
          .isEqualTo(new Publisher.Outcome(1, 0));
      assertThat(timeouts).as("both timeouts were met").hasNegativeValue();
      assertThat(made).as("one producer: the commit was retried on it").hasValue(1);
    }
    assertThat(written(records, usage)).isEqualTo(1);
  }

  @Test
  void aCommitLeftUnconfirmedIsAnswered503AndARetryHereIsADuplicateNotASecondWrite(TestBroker broker,
      TopicRecords records) throws Exception {
    AtomicBoolean unconfirmNext = new AtomicBoolean(true);
    // A deadline already past when the commit returns: the lane gives up at once, before any follower read the commit.
    PublisherSettings settings = settings(broker, 2, Duration.ofMillis(1), Duration.ZERO);
    Outgoing usage = usage("e-" + UUID.randomUUID());
    try (var seen = PublisherTest.ready(broker); var publisher = publisher(settings, seen,
        id -> new SlowToConfirm(settings.producerConfig(id), new AtomicInteger(), unconfirmNext))) {
      var first = publisher.submit("shop-a", List.of(usage), null);
      assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(Publisher.Unavailable.class).hasMessageContaining("not confirmed")
          .hasMessageContaining("retry with the same eventIds");

      // At once (no refusing after a failure here), before the follower could have read the commit's markers: the
      // ids are still claimed, so the retry waits until the commit is settled and then finds them seen.
      assertThat(publisher.submit("shop-a", List.of(usage), null).get(10, TimeUnit.SECONDS))
          .isEqualTo(new Publisher.Outcome(0, 1));
    }
    assertThat(written(records, usage)).isEqualTo(1);
  }

  @Test
  void aFencedLaneStopsAndTheInstanceIsNotReadyInsteadOfFencingTheOtherBack(TestBroker broker) throws Exception {
    PublisherSettings settings = settings(broker, 1, Duration.ofSeconds(5));
    try (var seen = PublisherTest.ready(broker); var publisher = publisher(settings, seen, settings::newProducer)) {
      assertThat(publisher.submit("shop-a", List.of(usage("e-" + UUID.randomUUID())), null).get(10, TimeUnit.SECONDS))
          .isEqualTo(new Publisher.Outcome(1, 0));
      try (Producer<String, byte[]> other = settings.newProducer(settings.transactionalId() + "-0")) {
        other.initTransactions(); // another instance starts with the same transactional id

        var fencedOut = publisher.submit("shop-a", List.of(usage("e-" + UUID.randomUUID())), null);
        assertThatThrownBy(() -> fencedOut.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(Publisher.Unavailable.class);
        assertThat(publisher.ready()).isFalse();
        assertThat(publisher.submit("shop-a", List.of(usage("e-" + UUID.randomUUID())), null))
            .as("refused at once").isCompletedExceptionally();

        Outgoing event = usage("e-" + UUID.randomUUID());
        other.beginTransaction();
        other.send(new ProducerRecord<>(event.topic(), event.key(), event.value()));
        other.commitTransaction(); // throws if our lane had fenced it back
      }
    }
  }

  @Test
  void anUnexpectedFailureWhilePlanningFailsOnlyItsRequestAndFreesItsIds(TestBroker broker, TopicRecords records)
      throws Exception {
    PublisherSettings settings = settings(broker, 1, Duration.ofSeconds(5));
    Outgoing good = usage("e-" + UUID.randomUUID());
    Outgoing noId = usage(""); // Keys refuses an empty id: an exception the lane does not expect
    try (var seen = PublisherTest.ready(broker); var publisher = publisher(settings, seen, settings::newProducer)) {
      // Queued past submit's checks (which refuse an empty id up front), as a record they do not foresee would be.
      var broken = new CompletableFuture<Publisher.Outcome>();
      long now = System.nanoTime();
      publisher.requeue(new Publisher.Submission("shop-a", List.of(good, noId), null, broken, now, now));
      assertThatThrownBy(() -> broken.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(Publisher.Unavailable.class);

      assertThat(publisher.submit("shop-a", List.of(good), null).get(10, TimeUnit.SECONDS))
          .as("the lane lives on and the good id was let go").isEqualTo(new Publisher.Outcome(1, 0));
    }
    assertThat(written(records, good)).isEqualTo(1);
  }

  private static PublisherSettings settings(TestBroker broker, int lanes, Duration requestTimeout) {
    return settings(broker, lanes, requestTimeout, Duration.ofMillis(200));
  }

  private static PublisherSettings settings(TestBroker broker, int lanes, Duration requestTimeout,
      Duration downBackoff) {
    return new PublisherSettings(broker.bootstrapServers(), "test-" + UUID.randomUUID(), Duration.ofSeconds(1),
        Duration.ofSeconds(2), 100, 1000, downBackoff, lanes, Duration.ofMillis(3), requestTimeout);
  }

  private static Publisher publisher(PublisherSettings settings, SeenIds seen,
      Function<String, Producer<String, byte[]>> producers) {
    return new Publisher(settings, seen, SERDES, new SimpleMeterRegistry(), producers);
  }

  private static int written(TopicRecords records, Outgoing event) {
    return records.readAll(Topics.APP_USAGE, r -> r.key().equals(event.key()), Duration.ofSeconds(1)).size();
  }

  /** A usage event of its own customer (so reading it back by key finds only it). */
  private static Outgoing usage(String eventId) {
    return PublisherTest.usage("c-" + UUID.randomUUID(), eventId);
  }
}
