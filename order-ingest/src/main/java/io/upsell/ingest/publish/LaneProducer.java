package io.upsell.ingest.publish;

import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.upsell.ingest.publish.Publisher.Submission;
import io.upsell.schemas.ingest.SeenEvent;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A lane's transactional producer: writes a plan's events, each with its {@code ingest.seen-ids} marker, in one
 * transaction and returns once the commit is acknowledged. A failed transaction is aborted on the same producer; only
 * if that fails too is the producer replaced (a fresh one's initTransactions aborts what the old one left open). A
 * commit that timed out is retried on the same producer (Kafka documents that as safe) until the group's deadline.
 */
final class LaneProducer {

  /** Another producer took this transactional id: fatal for the lane (re-creating it would fence the other back). */
  static final class Fenced extends RuntimeException {
    Fenced(RuntimeException cause) {
      super("fenced: another producer uses this lane's transactional id", cause);
    }
  }

  /** The commit was sent but not confirmed by the deadline: it may or may not have taken effect. */
  static final class CommitInDoubt extends RuntimeException {
    CommitInDoubt(RuntimeException cause) {
      super("Kafka did not confirm the commit in time", cause);
    }
  }

  private final Function<String, Producer<String, byte[]>> producers;
  private final String transactionalId;
  private final Serializer<SeenEvent> markers;
  private final PublishTimings timings;
  private Producer<String, byte[]> producer;
  private KafkaClientMetrics producerMetrics;

  LaneProducer(Function<String, Producer<String, byte[]>> producers, String transactionalId,
      Serializer<SeenEvent> markers, PublishTimings timings) {
    this.producers = producers;
    this.transactionalId = transactionalId;
    this.markers = markers;
    this.timings = timings;
  }

  /**
   * Writes and commits. {@link CommitInDoubt}: the commit may have taken effect; {@link Fenced}: the lane must stop;
   * any other exception: the transaction is not committed.
   */
  void write(List<TransactionPlan.Entry> entries, long now, long deadlineNanos) {
    Producer<String, byte[]> transaction = producer();
    long begun = System.nanoTime();
    try {
      transaction.beginTransaction();
      for (TransactionPlan.Entry entry : entries) {
        Submission s = entry.submission();
        if (entry.deliveryMarker()) {
          transaction.send(marker(s.shopId(), s.deliveryId(), null, now));
        }
        for (Outgoing event : entry.events()) {
          transaction.send(new ProducerRecord<>(event.topic(), null, event.timestamp(), event.key(), event.value()));
          transaction.send(marker(s.shopId(), event.eventId(), event.topic(), now));
        }
      }
    } catch (RuntimeException e) {
      throw afterFailure(e);
    }
    long sent = System.nanoTime();
    commit(transaction, deadlineNanos);
    timings.write.record(Duration.ofNanos(sent - begun));
    timings.commit.record(Duration.ofNanos(System.nanoTime() - sent));
  }

  /** Opens the producer now if there is none (after a failure), so that a lane can settle an in-doubt commit. */
  void open() {
    producer();
  }

  private void commit(Producer<String, byte[]> transaction, long deadlineNanos) {
    while (true) {
      try {
        transaction.commitTransaction();
        return;
      } catch (TimeoutException | InterruptException e) {
        // Not confirmed within max.block: it may still commit. Only the same call may follow (not an abort).
        if (e instanceof InterruptException || System.nanoTime() >= deadlineNanos) {
          drop();
          throw new CommitInDoubt(e);
        }
      } catch (RuntimeException e) {
        throw afterFailure(e);
      }
    }
  }

  /** Aborts the failed transaction on the same producer; a producer that cannot abort is dropped. */
  private RuntimeException afterFailure(RuntimeException e) {
    if (fenced(e)) {
      drop();
      return new Fenced(e);
    }
    try {
      producer.abortTransaction();
    } catch (RuntimeException abort) {
      drop();
      if (fenced(abort)) {
        return new Fenced(abort);
      }
    }
    return e;
  }

  private static boolean fenced(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ProducerFencedException) {
        return true;
      }
    }
    return false;
  }

  private ProducerRecord<String, byte[]> marker(String shopId, String eventId, String topic, long now) {
    SeenEvent seenEvent = new SeenEvent(shopId, eventId, topic, Instant.ofEpochMilli(now));
    String name = Topics.INGEST_SEEN_IDS.name();
    return new ProducerRecord<>(name, null, now, Keys.customer(shopId, eventId), markers.serialize(name, seenEvent));
  }

  private Producer<String, byte[]> producer() {
    if (producer == null) {
      Producer<String, byte[]> created = producers.apply(transactionalId);
      try {
        created.initTransactions();
      } catch (RuntimeException e) {
        created.close(Duration.ZERO);
        throw fenced(e) ? new Fenced(e) : e;
      }
      producer = created;
      producerMetrics = new KafkaClientMetrics(created);
      producerMetrics.bindTo(timings.registry);
    }
    return producer;
  }

  private void drop() {
    if (producer != null) {
      producerMetrics.close();
      producer.close(Duration.ZERO);
      producer = null;
    }
  }

  /** Called once the lane's thread has stopped. */
  void close() {
    if (producer != null) {
      producerMetrics.close();
      producer.close(Duration.ofSeconds(2));
      producer = null;
    }
  }
}
