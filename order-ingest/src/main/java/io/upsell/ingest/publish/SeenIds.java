package io.upsell.ingest.publish;

import io.upsell.platform.health.InjectedFault;
import io.upsell.platform.health.Worker;
import io.upsell.platform.health.Workers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import io.upsell.schemas.topics.Topics;
import org.jboss.logging.Logger;

/**
 * The event ids published in the last 7 days, by any instance: read from {@code ingest.seen-ids} (committed records
 * only) at start-up and then followed, so a restart or another instance knows what was already accepted. Until the
 * log is read to its end, {@link #ready()} is false and nothing is accepted; a follower that stops for good stops
 * the service (see {@link Worker}). The ids are held compactly on the heap ({@link IdTable}, 40 to 80 bytes each).
 */
public final class SeenIds implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(SeenIds.class);

  private final IdTable seenAt = new IdTable();
  private final Duration window;
  private final String bootstrapServers;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private Worker follower;
  /** Callers waiting until the follower has read everything committed when they asked ({@link #readToEnd()}). */
  private final Queue<CompletableFuture<Void>> readRequests = new ConcurrentLinkedQueue<>();
  /** The requests the follower is reading for now (touched by the follower thread only). */
  private final List<CompletableFuture<Void>> reading = new ArrayList<>();
  private volatile boolean ready;
  /** Non-Kafka failures in a row (a bug or a record that cannot be remembered); past the limit the follower stops. */
  private int failuresInARow;
  private static final int MAX_FAILURES_IN_A_ROW = 3;

  public SeenIds(String bootstrapServers, Duration window) {
    this.bootstrapServers = bootstrapServers;
    this.window = window;
  }

  /** Starts reading the log in the background. */
  public SeenIds start() {
    follower = Workers.start("seen-ids-follower", this::follow);
    return this;
  }

  public boolean ready() {
    return ready;
  }

  /**
   * Completes once the follower has read every marker committed before this call; a commit whose outcome was in
   * doubt is then settled here (its ids are known, or were never committed). Fails if the follower stops first.
   */
  public CompletableFuture<Void> readToEnd() {
    CompletableFuture<Void> read = new CompletableFuture<>();
    readRequests.add(read);
    if (!running.get()) { // the follower sets this before it fails what is queued, so nothing is left waiting
      read.completeExceptionally(new IllegalStateException("the idempotency log follower has stopped"));
    }
    return read;
  }

  /** True when {@code key} ({@code shopId:eventId}) was published within the window. */
  public boolean contains(String key, long nowMillis) {
    long at = seenAt.seenAt(key);
    return at >= 0 && nowMillis - at < window.toMillis();
  }

  /** Records ids this instance has just published (their log records arrive later through the follower). */
  public void addAll(List<String> keys, long nowMillis) {
    keys.forEach(k -> seenAt.put(k, nowMillis));
  }

  public int size() {
    return seenAt.size();
  }

  // A failure escapes to the worker: liveness DOWN with the reason, then the service exits to be restarted, rather
  // than staying up and refusing every event until someone notices.
  private void follow(Worker self) {
    try {
      while (running.get()) {
        followOnce(self);
      }
    } finally {
      ready = false;
      running.set(false);
      IllegalStateException stopped = new IllegalStateException("the idempotency log follower has stopped");
      readRequests.forEach(r -> r.completeExceptionally(stopped));
      reading.forEach(r -> r.completeExceptionally(stopped));
    }
  }

  /** One consumer's life: read the log to its end (then ready), follow it, and answer read-to-end requests. */
  private void followOnce(Worker self) {
    try (var consumer = SeenIdsConsumer.open(bootstrapServers)) {
      Map<TopicPartition, Long> end = SeenIdsConsumer.end(consumer);
      long lastPrune = System.currentTimeMillis();
      while (running.get()) {
        var markers = consumer.poll(Duration.ofMillis(200));
        if (!markers.isEmpty()) {
          InjectedFault.check("seen-ids-follower");
        }
        markers.forEach(this::remember);
        self.processed(Topics.INGEST_SEEN_IDS.name(), markers.count());
        self.progressed(consumer.assignment().stream().mapToLong(p -> consumer.currentLag(p).orElse(0)).sum());
        if (!ready && SeenIdsConsumer.readTo(consumer, end)) {
          ready = true;
          failuresInARow = 0;
          LOG.infof("idempotency log read: %d event ids of the last %s", seenAt.size(), window);
        }
        if (reading.isEmpty() && !readRequests.isEmpty()) {
          drainRequests();
          end = SeenIdsConsumer.end(consumer);
        }
        if (!reading.isEmpty() && SeenIdsConsumer.readTo(consumer, end)) {
          reading.forEach(r -> r.complete(null));
          reading.clear();
        }
        if (System.currentTimeMillis() - lastPrune > 60_000) {
          lastPrune = System.currentTimeMillis();
          prune(lastPrune);
        }
      }
    } catch (KafkaException e) {
      // Broker unreachable or the topic missing: try again with a new consumer (until first read, requests get 503).
      LOG.warnf("cannot read the idempotency log yet: %s", e.getMessage());
      sleepQuietly();
    } catch (RuntimeException e) {
      // Not a Kafka failure: a bug or a bad record. Not ready while a new consumer re-reads (ids other instances
      // committed may be missing meanwhile); the same failure again and again stops the follower for good, so the
      // instance stays not ready instead of accepting ids it cannot check.
      ready = false;
      if (++failuresInARow >= MAX_FAILURES_IN_A_ROW) {
        throw new IllegalStateException("reading the idempotency log failed " + failuresInARow + " times in a row", e);
      }
      LOG.errorf(e, "reading the idempotency log failed; reading it again");
      sleepQuietly();
    }
  }

  private void drainRequests() {
    for (CompletableFuture<Void> request; (request = readRequests.poll()) != null; ) {
      reading.add(request);
    }
  }

  private void prune(long nowMillis) {
    seenAt.forgetBefore(nowMillis - window.toMillis());
  }

  private void remember(ConsumerRecord<byte[], Void> record) {
    if (record.key() != null) {
      seenAt.put(record.key(), record.timestamp());
    }
  }

  private void sleepQuietly() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.set(false);
    }
  }

  @Override
  public void close() {
    running.set(false);
    if (follower == null) {
      return; // never started
    }
    try {
      follower.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
