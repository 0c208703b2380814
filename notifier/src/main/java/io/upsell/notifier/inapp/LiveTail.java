package io.upsell.notifier.inapp;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.upsell.notifier.inapp.Inbox.Entry;
import io.upsell.platform.health.Worker;
import io.upsell.platform.health.Workers;
import io.upsell.schemas.notify.InAppMessage;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Pushes every new in-app snapshot, whichever instance wrote it, to this instance's open streams: a browser
 * connected here sees a prompt decided on another instance. It reads notify.inapp from its end as it grows and keeps
 * nothing; the inboxes themselves live in the partitioned store of the partition's owner.
 */
@ApplicationScoped
public class LiveTail {

  private static final Logger LOG = Logger.getLogger(LiveTail.class);

  private final KafkaConsumer<String, InAppMessage> consumer;
  private final SseHub hub;
  private Worker worker;
  private volatile boolean running = true;

  public LiveTail(@ConfigProperty(name = "kafka.bootstrap.servers") String servers, EventSerdes serdes, SseHub hub) {
    this.hub = hub;
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20),
        serdes.keySerde().deserializer(), serdes.valueSerde(Topics.NOTIFY_INAPP).deserializer());
  }

  void start(@Observes StartupEvent event) {
    var partitions = consumer.partitionsFor(Topics.NOTIFY_INAPP.name()).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    worker = Workers.start("inapp-live-tail", this::run);
  }

  // A failure escapes to the worker (DOWN with the reason, then the service exits): a tail that stopped would leave
  // every open stream silent with health still UP.
  private void run(Worker self) {
    try {
      while (running) {
        try {
          var records = consumer.poll(Duration.ofMillis(200));
          records.forEach(r -> {
            if (r.value() != null) {
              hub.push(r.key(), new Entry(r.value(), r.offset()));
            }
          });
          self.processed(Topics.NOTIFY_INAPP.name(), records.count());
          self.progressed(0);
        } catch (RecordDeserializationException e) {
          LOG.warnf("skipping unreadable record %s@%d: %s", e.topicPartition(), e.offset(), e.getMessage());
          consumer.seek(e.topicPartition(), e.offset() + 1);
        }
      }
    } catch (WakeupException e) {
      // stopping
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  void stop(@Observes ShutdownEvent event) {
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
