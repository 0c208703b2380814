package io.upsell.ingest.publish;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.RetriableException;
import org.jboss.logging.Logger;

/**
 * Publishes each submission exactly once and all-or-nothing: a few {@link Lane}s, each with its own transactional
 * producer, take the requests waiting into one Kafka transaction (group commit), drop event ids already seen or
 * being written by another lane, write the events together with their {@code ingest.seen-ids} markers, and answer
 * a request only after its commit was acknowledged — or with {@link Unavailable} when Kafka did not acknowledge.
 */
public final class Publisher implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Publisher.class);
  /** The 503 text when the events may or may not be in Kafka: only a retry with the same ids is safe. */
  public static final String NOT_CONFIRMED =
      "not confirmed: the events may or may not be in Kafka; retry with the same eventIds — repeats are de-duplicated";

  /** What happened to a submission: events written, and events skipped because their id was seen before. */
  public record Outcome(int accepted, int duplicates) {}

  /** Kafka did not take the submission; nothing of it is visible to read-committed consumers. */
  public static final class Unavailable extends RuntimeException {
    Unavailable(String reason) {
      super(reason, null, false, false);
    }
  }

  /** A submission with a record Kafka would refuse (see {@link RecordLimits}): refused alone, before any transaction. */
  public static final class Refused extends IllegalArgumentException {
    Refused(String reason) {
      super(reason);
    }
  }

  /** A request's events; {@code submittedNanos} is when it was submitted, {@code queuedNanos} when last queued. */
  record Submission(String shopId, List<Outgoing> events, String deliveryId, CompletableFuture<Outcome> done,
      long submittedNanos, long queuedNanos) {

    Submission queuedAgain() {
      return new Submission(shopId, events, deliveryId, done, submittedNanos, System.nanoTime());
    }
  }

  private final PublisherSettings settings;
  private final SeenIds seen;
  private final Claims claims = new Claims();
  private final BlockingQueue<Submission> queue;
  private final List<Lane> lanes = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;
  /** Set once a lane was fenced by another producer with its transactional id: this instance takes nothing more. */
  private volatile String fenced;
  private volatile long downUntil;
  private volatile String downReason = "";

  public Publisher(PublisherSettings settings, SeenIds seen, EventSerdes serdes) {
    this(settings, seen, serdes, new SimpleMeterRegistry());
  }

  /** A publisher whose timings ({@link PublishTimings}) are registered in {@code registry}. */
  public Publisher(PublisherSettings settings, SeenIds seen, EventSerdes serdes, MeterRegistry registry) {
    this(settings, seen, serdes, registry, settings::newProducer);
  }

  /** The same with the lanes' producers made by {@code producers} (from a transactional id); tests wrap them. */
  Publisher(PublisherSettings settings, SeenIds seen, EventSerdes serdes, MeterRegistry registry,
      Function<String, Producer<String, byte[]>> producers) {
    this.settings = settings;
    this.seen = seen;
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    PublishTimings timings = new PublishTimings(registry);
    for (int i = 0; i < settings.transactions(); i++) {
      Lane lane = new Lane(this, new LaneProducer(producers, settings.transactionalId() + "-" + i,
          serdes.valueSerde(Topics.INGEST_SEEN_IDS).serializer(), timings), timings);
      Thread thread = new Thread(lane, "publisher-" + i);
      thread.setDaemon(true);
      lanes.add(lane);
      threads.add(thread);
      thread.start();
    }
  }

  /**
   * Queues events of one shop for the next transaction. {@code deliveryId} (a webhook delivery, may be null) makes
   * the whole submission a duplicate when seen before.
   */
  public CompletableFuture<Outcome> submit(String shopId, List<Outgoing> events, String deliveryId) {
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    Optional<String> refusal = refusal(events, deliveryId);
    if (refusal.isPresent()) { // alone, now: inside a shared transaction it would fail every request of the group
      done.completeExceptionally(new Refused(refusal.get()));
    } else if (fenced != null) {
      done.completeExceptionally(new Unavailable("this instance stopped publishing: " + fenced));
    } else if (!seen.ready()) {
      done.completeExceptionally(new Unavailable("the idempotency log is not read (yet)"));
    } else if (System.currentTimeMillis() < downUntil) {
      done.completeExceptionally(new Unavailable("Kafka unavailable: " + downReason));
    } else {
      long now = System.nanoTime();
      enqueue(new Submission(shopId, events, deliveryId, done, now, now));
    }
    return done;
  }

  private static Optional<String> refusal(List<Outgoing> events, String deliveryId) {
    Optional<String> delivery = deliveryId == null ? Optional.empty() : Keys.idProblem(deliveryId);
    if (delivery.isPresent()) {
      return delivery.map(reason -> "delivery id " + reason);
    }
    for (int i = 0; i < events.size(); i++) {
      Optional<String> problem = RecordLimits.problem(events.get(i));
      if (problem.isPresent()) {
        return Optional.of("[" + i + "]: " + problem.get());
      }
    }
    return Optional.empty();
  }

  /** Queues a submission again once the other lane's transaction it waited for has ended. */
  void requeue(Submission submission) {
    enqueue(submission.queuedAgain());
  }

  private void enqueue(Submission submission) {
    if (!running) {
      submission.done().completeExceptionally(new Unavailable("stopping"));
    } else if (fenced != null) { // a request queued again after the fencing gets its 503 now, not at its timeout
      submission.done().completeExceptionally(new Unavailable("this instance stopped publishing: " + fenced));
    } else if (!queue.offer(submission)) {
      submission.done().completeExceptionally(new Unavailable("too many requests waiting for Kafka"));
    }
  }

  /**
   * A lane's transaction failed: its requests get 503 (saying whether the commit may have taken effect), and after a
   * retriable failure new ones do for a moment.
   */
  void failed(List<Submission> group, Throwable e, long now) {
    downReason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    if (e instanceof RetriableException || e.getCause() instanceof RetriableException) {
      // Kafka unreachable or slow: refuse at once for a moment rather than queue requests that would time out.
      downUntil = now + settings.downBackoff().toMillis();
    }
    LOG.warnf("transaction of %d requests failed, answering 503: %s", group.size(), downReason);
    Unavailable unavailable = new Unavailable(e instanceof LaneProducer.CommitInDoubt
        ? NOT_CONFIRMED + " (" + downReason + ")"
        : "Kafka did not acknowledge, nothing was written: " + downReason);
    group.forEach(s -> s.done().completeExceptionally(unavailable));
  }

  /** A lane was fenced: the instance is not ready from now on and refuses everything. */
  void fenced() {
    fenced = "another instance took over its transactional id"; // the id itself stays out of client answers
    Unavailable unavailable = new Unavailable("this instance stopped publishing: " + fenced);
    for (Submission s; (s = queue.poll()) != null; ) {
      s.done().completeExceptionally(unavailable);
    }
  }

  /** False once the idempotency log is not being followed or a lane was fenced: requests get 503. */
  public boolean ready() {
    return fenced == null && seen.ready();
  }

  boolean running() {
    return running;
  }

  BlockingQueue<Submission> queue() {
    return queue;
  }

  PublisherSettings settings() {
    return settings;
  }

  SeenIds seen() {
    return seen;
  }

  Claims claims() {
    return claims;
  }

  /** How long until a failed Kafka is tried again; the Retry-After of a 503. */
  public Duration retryAfter() {
    return settings.downBackoff();
  }

  @Override
  public void close() {
    running = false;
    threads.forEach(Thread::interrupt);
    for (Thread thread : threads) {
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    lanes.forEach(Lane::close);
    Unavailable stopping = new Unavailable("stopping");
    queue.forEach(s -> s.done().completeExceptionally(stopping));
  }
}
