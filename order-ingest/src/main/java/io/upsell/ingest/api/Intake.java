package io.upsell.ingest.api;

import io.quarkus.runtime.StartupEvent;
import io.upsell.ingest.IngestConfig;
import io.upsell.ingest.events.Draft;
import io.upsell.ingest.publish.Outgoing;
import io.upsell.ingest.publish.Publisher;
import io.upsell.ingest.publish.RecordLimits;
import io.upsell.ingest.publish.SeenIds;
import io.upsell.platform.http.ApiException;
import io.upsell.platform.http.FieldError;
import io.upsell.platform.shops.Shop;
import io.upsell.schemas.serde.EventSerdes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The way every API hands events to Kafka: encode, check each record fits, publish, and answer 202 only after the
 * acknowledgement — or 503 with {@code Retry-After} once the bounded wait is over.
 */
@ApplicationScoped
public class Intake {

  private static final Logger LOG = Logger.getLogger(Intake.class);
  private final Publisher publisher;
  private final SeenIds seen;
  private final EventSerdes serdes;
  private final IngestConfig config;

  public Intake(Publisher publisher, SeenIds seen, EventSerdes serdes, IngestConfig config) {
    this.publisher = publisher;
    this.seen = seen;
    this.serdes = serdes;
    this.config = config;
  }

  // Give the idempotency log a bounded moment to load so the first requests after start are not refused.
  void onStart(@Observes StartupEvent event) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!seen.ready() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    LOG.infof("order-ingest %s: %d event ids remembered", seen.ready() ? "ready" : "starting without Kafka",
        seen.size());
  }

  /** Publishes {@code drafts} (already validated) as one all-or-nothing unit. */
  public CompletionStage<Acceptance> publish(Shop shop, List<Draft<?>> drafts, String deliveryId) {
    List<Outgoing> records = encode(drafts);
    CompletableFuture<Acceptance> answer = new CompletableFuture<>();
    publisher.submit(shop.id(), records, deliveryId)
        .orTimeout(config.kafka().requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((outcome, error) -> {
          if (error == null) {
            answer.complete(Acceptance.of(outcome.accepted(), outcome.duplicates()));
          } else {
            answer.completeExceptionally(failure(error));
          }
        });
    return answer;
  }

  /**
   * Encodes every draft; an event that cannot be encoded is this request's 400, one too large its 413. What else Kafka
   * would refuse in a record is checked once, by {@link Publisher#submit}, before the request can join a transaction.
   */
  private List<Outgoing> encode(List<Draft<?>> drafts) {
    List<Outgoing> records = new ArrayList<>(drafts.size());
    List<FieldError> tooLarge = new ArrayList<>();
    List<FieldError> refused = new ArrayList<>();
    for (int i = 0; i < drafts.size(); i++) {
      String item = drafts.size() == 1 ? "body" : "[" + i + "]";
      Outgoing record;
      try {
        record = drafts.get(i).encode(serdes);
      } catch (RuntimeException e) { // the field checks should have caught it; still this request's fault alone
        refused.add(new FieldError(item, "cannot be encoded: " + e.getClass().getSimpleName()));
        continue;
      }
      if (RecordLimits.oversize(record)) {
        tooLarge.add(new FieldError(item, "event is larger than " + RecordLimits.MAX_RECORD_BYTES + " bytes"));
      }
      records.add(record);
    }
    if (!tooLarge.isEmpty()) {
      throw new ApiException(413, "event too large", tooLarge, Map.of());
    }
    if (!refused.isEmpty()) {
      throw new ApiException(400, "invalid event", refused, Map.of());
    }
    return records;
  }

  private ApiException failure(Throwable error) {
    Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
    if (cause instanceof Publisher.Refused refused) {
      return ApiException.badRequest("body", refused.getMessage());
    }
    // A request that timed out may still be committed by the transaction it is in: say so, not "nothing accepted".
    String reason = cause instanceof java.util.concurrent.TimeoutException
        ? "no answer from Kafka within " + config.kafka().requestTimeout().toMillis() + " ms; " + Publisher.NOT_CONFIRMED
        : cause.getMessage();
    int retryAfter = (int) Math.max(1, publisher.retryAfter().toSeconds());
    return ApiException.unavailable(reason, retryAfter);
  }
}
