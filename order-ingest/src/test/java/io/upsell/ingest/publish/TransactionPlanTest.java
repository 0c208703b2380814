package io.upsell.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.schemas.serde.EventSerdes;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Which submissions of a group a transaction writes; no broker needed (nothing is sent). */
class TransactionPlanTest {

  @Test
  void aSubmissionAlreadyAnsweredIsLeftOutAndItsIdsStayFree() {
    PublisherSettings settings = new PublisherSettings("127.0.0.1:1", "plan-" + UUID.randomUUID(),
        Duration.ofSeconds(1), Duration.ofSeconds(1), 10, 100, Duration.ofSeconds(1), 1, Duration.ZERO,
        Duration.ofSeconds(5));
    Outgoing usage = PublisherTest.usage("c-1", "e-" + UUID.randomUUID());
    try (var seen = new SeenIds("127.0.0.1:1", Duration.ofDays(7));
        var publisher = new Publisher(settings, seen, EventSerdes.singleObject())) {
      CompletableFuture<Publisher.Outcome> timedOut = new CompletableFuture<>();
      timedOut.completeExceptionally(new java.util.concurrent.TimeoutException("answered 503 already"));

      TransactionPlan late = TransactionPlan.of(List.of(submission(usage, timedOut)), publisher, 0);

      assertThat(late.entries()).isEmpty();
      assertThat(late.writesNothing()).isTrue();
      TransactionPlan next = TransactionPlan.of(List.of(submission(usage, new CompletableFuture<>())), publisher, 0);
      assertThat(next.entries()).singleElement().satisfies(e -> assertThat(e.events()).containsExactly(usage));
    }
  }

  private static Publisher.Submission submission(Outgoing event, CompletableFuture<Publisher.Outcome> done) {
    return new Publisher.Submission("shop-a", List.of(event), null, done, System.nanoTime(), System.nanoTime());
  }
}
