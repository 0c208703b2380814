package io.upsell.ingest.publish;

import io.upsell.schemas.ingest.SeenEvent;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.Serializer;
import org.jboss.logging.Logger;

/**
 * Publishes each submission exactly once and all-or-nothing: one thread gathers the requests waiting into one
 * Kafka transaction (group commit), drops event ids already seen, writes the events together with their
 * {@code ingest.seen-ids} markers, and answers a request only after the commit was acknowledged — or with
 * {@link Unavailable} when Kafka did not acknowledge in time.
 */
public final class Publisher implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Publisher.class);

  /** What happened to a submission: events written, and events skipped because their id was seen before. */
  public record Outcome(int accepted, int duplicates) {}

  /** Kafka did not take the submission; nothing of it is visible to read-committed consumers. */
  public static final class Unavailable extends RuntimeException {
    Unavailable(String reason) {
      super(reason, null, false, false);
    }
  }

  private record Submission(String shopId, List<Outgoing> events, String deliveryId, CompletableFuture<Outcome> done) {}

  private final PublisherSettings settings;
  private final SeenIds seen;
  private final Serializer<SeenEvent> markers;
  private final BlockingQueue<Submission> queue;
  private final Thread worker;
  private volatile boolean running = true;
  private volatile long downUntil;
  private volatile String downReason = "";
  private Producer<String, byte[]> producer;

  public Publisher(PublisherSettings settings, SeenIds seen, EventSerdes serdes) {
    this.settings = settings;
    this.seen = seen;
    this.markers = serdes.valueSerde(Topics.INGEST_SEEN_IDS).serializer();
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    this.worker = new Thread(this::run, "publisher");
    this.worker.setDaemon(true);
    this.worker.start();
  }

  /**
   * Queues events of one shop for the next transaction. {@code deliveryId} (a webhook delivery, may be null) makes
   * the whole submission a duplicate when seen before.
   */
  public CompletableFuture<Outcome> submit(String shopId, List<Outgoing> events, String deliveryId) {
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    if (!seen.ready()) {
      done.completeExceptionally(new Unavailable("starting: the idempotency log is not read yet"));
    } else if (System.currentTimeMillis() < downUntil) {
      done.completeExceptionally(new Unavailable("Kafka unavailable: " + downReason));
    } else if (!queue.offer(new Submission(shopId, events, deliveryId, done))) {
      done.completeExceptionally(new Unavailable("too many requests waiting for Kafka"));
    }
    return done;
  }

  private void run() {
    List<Submission> group = new ArrayList<>();
    while (running) {
      try {
        Submission first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        int records = first.events().size();
        Submission next;
        while (records < settings.maxGroupRecords() && (next = queue.poll()) != null) {
          group.add(next);
          records += next.events().size();
        }
        publish(group);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        group.clear();
      }
    }
  }

  private void publish(List<Submission> group) {
    long now = System.currentTimeMillis();
    Set<String> published = new HashSet<>();
    List<Outcome> outcomes = new ArrayList<>(group.size());
    try {
      Producer<String, byte[]> transaction = producer();
      transaction.beginTransaction();
      for (Submission submission : group) {
        outcomes.add(write(transaction, submission, published, now));
      }
      transaction.commitTransaction();
    } catch (RuntimeException e) {
      fail(group, e, now);
      return;
    }
    seen.addAll(List.copyOf(published), now);
    for (int i = 0; i < group.size(); i++) {
      group.get(i).done().complete(outcomes.get(i));
    }
  }

  private Outcome write(Producer<String, byte[]> transaction, Submission s, Set<String> published, long now) {
    if (s.deliveryId() != null) {
      String delivery = Keys.customer(s.shopId(), s.deliveryId());
      if (seen.contains(delivery, now) || !published.add(delivery)) {
        return new Outcome(0, s.events().size());
      }
      transaction.send(marker(s.shopId(), s.deliveryId(), null, now));
    }
    int accepted = 0;
    for (Outgoing event : s.events()) {
      String id = Keys.customer(s.shopId(), event.eventId());
      if (seen.contains(id, now) || !published.add(id)) {
        continue;
      }
      transaction.send(new ProducerRecord<>(event.topic(), null, event.timestamp(), event.key(), event.value()));
      transaction.send(marker(s.shopId(), event.eventId(), event.topic(), now));
      accepted++;
    }
    return new Outcome(accepted, s.events().size() - accepted);
  }

  private ProducerRecord<String, byte[]> marker(String shopId, String eventId, String topic, long now) {
    SeenEvent seenEvent = new SeenEvent(shopId, eventId, topic, Instant.ofEpochMilli(now));
    String name = Topics.INGEST_SEEN_IDS.name();
    return new ProducerRecord<>(name, null, now, Keys.customer(shopId, eventId), markers.serialize(name, seenEvent));
  }

  // After any failure the producer may be mid-transaction or fenced: start over with a fresh one, whose
  // initTransactions aborts whatever this one left open.
  private void fail(List<Submission> group, RuntimeException e, long now) {
    downReason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    if (e instanceof RetriableException || e.getCause() instanceof RetriableException) {
      // Kafka unreachable or slow: refuse at once for a moment rather than queue requests that would time out.
      downUntil = now + settings.downBackoff().toMillis();
    }
    LOG.warnf("transaction of %d requests failed, answering 503: %s", group.size(), downReason);
    if (producer != null) {
      producer.close(Duration.ZERO);
      producer = null;
    }
    Unavailable unavailable = new Unavailable("Kafka did not acknowledge: " + downReason);
    group.forEach(s -> s.done().completeExceptionally(unavailable));
  }

  private Producer<String, byte[]> producer() {
    if (producer == null) {
      Producer<String, byte[]> created = settings.newProducer();
      try {
        created.initTransactions();
      } catch (RuntimeException e) {
        created.close(Duration.ZERO);
        throw e;
      }
      producer = created;
    }
    return producer;
  }

  /** How long until a failed Kafka is tried again; the Retry-After of a 503. */
  public Duration retryAfter() {
    return settings.downBackoff();
  }

  @Override
  public void close() {
    running = false;
    worker.interrupt();
    try {
      worker.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(2));
    }
    Unavailable stopping = new Unavailable("stopping");
    queue.forEach(s -> s.done().completeExceptionally(stopping));
  }
}
