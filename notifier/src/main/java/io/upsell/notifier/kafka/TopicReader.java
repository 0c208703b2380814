package io.upsell.notifier.kafka;

import io.upsell.platform.health.Worker;
import io.upsell.platform.health.Workers;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Reads every partition of one topic from its beginning, forever, and hands each record to a sink: the way the
 * notifier rebuilds its tables (profiles, catalog, ledger, inboxes) after a restart. No consumer group, so every
 * instance sees the whole topic. {@link #caughtUp()} completes once everything written before the call was read.
 */
public final class TopicReader<V extends SpecificRecord> implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(TopicReader.class);

  private final Topic<V> topic;
  private final KafkaConsumer<String, V> consumer;
  private final Consumer<ConsumerRecord<String, V>> sink;
  private final ConcurrentLinkedQueue<CompletableFuture<Void>> waiting = new ConcurrentLinkedQueue<>();
  private Worker worker;
  private volatile boolean running = true;

  public TopicReader(String bootstrapServers, EventSerdes serdes, Topic<V> topic,
      Consumer<ConsumerRecord<String, V>> sink) {
    this.topic = topic;
    this.sink = sink;
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    this.consumer = new KafkaConsumer<>(config, serdes.keySerde().deserializer(),
        serdes.valueSerde(topic).deserializer());
  }

  public TopicReader<V> start() {
    worker = Workers.start("read-" + topic.name(), this::run);
    return this;
  }

  /** Completes when the reader has read up to the end offsets of the moment of this call. */
  public CompletableFuture<Void> caughtUp() {
    var future = new CompletableFuture<Void>();
    waiting.add(future);
    return future;
  }

  /** Waits for {@link #caughtUp()}; a table that cannot load within the timeout is an error worth failing for. */
  public void awaitCaughtUp(Duration timeout) {
    try {
      caughtUp().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not read " + topic + " to its end in " + timeout, e);
    }
  }

  // A failure escapes to the worker (DOWN with the reason, then the service exits): a table that stopped being
  // read would silently serve stale profiles and consent.
  private void run(Worker self) {
    try {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> target = null;
      List<CompletableFuture<Void>> pending = new java.util.ArrayList<>();
      while (running) {
        if (target == null && !waiting.isEmpty()) {
          drainInto(pending);
          target = consumer.endOffsets(partitions);
        }
        pollOnce(self);
        self.progressed(partitions.stream().mapToLong(p -> consumer.currentLag(p).orElse(0)).sum());
        if (target != null && reached(target)) {
          pending.forEach(f -> f.complete(null));
          pending.clear();
          target = null;
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.errorf(e, "reader of %s stopped", topic);
      waiting.forEach(f -> f.completeExceptionally(e));
      throw e;
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private void drainInto(List<CompletableFuture<Void>> pending) {
    for (CompletableFuture<Void> f; (f = waiting.poll()) != null; ) {
      pending.add(f);
    }
  }

  private void pollOnce(Worker self) {
    try {
      var records = consumer.poll(Duration.ofMillis(100));
      for (ConsumerRecord<String, V> record : records) {
        sink.accept(record);
      }
      self.processed(topic.name(), records.count());
    } catch (RecordDeserializationException e) {
      // A record no schema can read must not stop the table: skip it and say where it is.
      LOG.warnf("skipping unreadable record %s@%d: %s", e.topicPartition(), e.offset(), e.getMessage());
      consumer.seek(e.topicPartition(), e.offset() + 1);
    }
  }

  private boolean reached(Map<TopicPartition, Long> target) {
    return target.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      if (worker != null) {
        worker.join(5000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
