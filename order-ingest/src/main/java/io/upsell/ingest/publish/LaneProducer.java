package io.upsell.ingest.publish;

import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.upsell.ingest.publish.Publisher.Submission;
import io.upsell.schemas.ingest.SeenEvent;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A lane's transactional producer: writes a plan's events, each with its {@code ingest.seen-ids} marker, in one
 * transaction and returns once the commit is acknowledged. After any failure it is replaced by a fresh producer,
 * whose initTransactions aborts whatever the old one left open.
 */
final class LaneProducer {

  private final PublisherSettings settings;
  private final String transactionalId;
  private final Serializer<SeenEvent> markers;
  private final PublishTimings timings;
  private Producer<String, byte[]> producer;
  private KafkaClientMetrics producerMetrics;

  LaneProducer(PublisherSettings settings, String transactionalId, Serializer<SeenEvent> markers,
      PublishTimings timings) {
    this.settings = settings;
    this.transactionalId = transactionalId;
    this.markers = markers;
    this.timings = timings;
  }

  /** Writes and commits; any exception means the transaction is not committed (and this producer was dropped). */
  void write(List<TransactionPlan.Entry> entries, long now) {
    try {
      Producer<String, byte[]> transaction = producer();
      long begun = System.nanoTime();
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
      long sent = System.nanoTime();
      transaction.commitTransaction();
      timings.write.record(Duration.ofNanos(sent - begun));
      timings.commit.record(Duration.ofNanos(System.nanoTime() - sent));
    } catch (RuntimeException e) {
      // The producer may be mid-transaction or fenced: start over with a fresh one.
      if (producer != null) {
        producerMetrics.close();
        producer.close(Duration.ZERO);
        producer = null;
      }
      throw e;
    }
  }

  private ProducerRecord<String, byte[]> marker(String shopId, String eventId, String topic, long now) {
    SeenEvent seenEvent = new SeenEvent(shopId, eventId, topic, Instant.ofEpochMilli(now));
    String name = Topics.INGEST_SEEN_IDS.name();
    return new ProducerRecord<>(name, null, now, Keys.customer(shopId, eventId), markers.serialize(name, seenEvent));
  }

  private Producer<String, byte[]> producer() {
    if (producer == null) {
      Producer<String, byte[]> created = settings.newProducer(transactionalId);
      try {
        created.initTransactions();
      } catch (RuntimeException e) {
        created.close(Duration.ZERO);
        throw e;
      }
      producer = created;
      producerMetrics = new KafkaClientMetrics(created);
      producerMetrics.bindTo(timings.registry);
    }
    return producer;
  }

  /** Called once the lane's thread has stopped. */
  void close() {
    if (producer != null) {
      producerMetrics.close();
      producer.close(Duration.ofSeconds(2));
    }
  }
}
