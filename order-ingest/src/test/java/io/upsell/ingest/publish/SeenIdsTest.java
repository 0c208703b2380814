package io.upsell.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.schemas.topics.Keys;
import io.upsell.testkit.TestBroker;
import io.upsell.testkit.WithKafka;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The seen ids: an id is remembered for the whole window, never a moment less; a read to the log's end finds what
 * another instance committed; once the follower has stopped the instance is not ready.
 */
@WithKafka
class SeenIdsTest {

  private static final long NOW = 1_763_900_000_999L;

  @Test
  void anIdSeenBetweenTwoSecondsIsADuplicateUntilTheLastMillisecondOfTheWindow() {
    Duration window = Duration.ofDays(7);
    try (SeenIds seen = new SeenIds("127.0.0.1:1", window)) {
      seen.addAll(List.of("shop-a:e-1"), NOW);

      assertThat(seen.contains("shop-a:e-1", NOW + window.toMillis() - 1)).isTrue();
      assertThat(seen.contains("shop-a:e-2", NOW)).isFalse();
    }
  }

  @Test
  void aReadToTheEndKnowsEveryIdCommittedBeforeIt(TestBroker broker) throws Exception {
    Outgoing usage = PublisherTest.usage("c-" + UUID.randomUUID(), "e-" + UUID.randomUUID());
    String id = Keys.customer("shop-a", usage.eventId());
    try (var writerSeen = PublisherTest.ready(broker); var writer = PublisherTest.publisher(broker.bootstrapServers(),
        writerSeen); var reader = PublisherTest.ready(broker)) {
      writer.submit("shop-a", List.of(usage), null).get(10, TimeUnit.SECONDS);

      reader.readToEnd().get(10, TimeUnit.SECONDS);

      assertThat(reader.contains(id, System.currentTimeMillis())).isTrue();
    }
  }

  @Test
  void aStoppedFollowerLeavesTheInstanceNotReadyAndFailsReadsToTheEnd(TestBroker broker) throws Exception {
    SeenIds seen = PublisherTest.ready(broker);

    seen.close();

    assertThat(seen.ready()).isFalse();
    assertThat(seen.readToEnd()).isCompletedExceptionally();
  }
}
