package io.upsell.notifier.delivery;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.upsell.notifier.NotifierConfig;
import io.upsell.notifier.customer.Catalog;
import io.upsell.notifier.customer.Customers;
import io.upsell.notifier.customer.ShopRulesTable;
import io.upsell.notifier.inapp.Inbox;
import io.upsell.platform.health.InjectedFault;
import io.upsell.platform.health.Worker;
import io.upsell.platform.health.Workers;
import io.upsell.schemas.topics.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Consumes upsell.triggers and analytics.reports in batches: every record of a batch is handled (with bounded
 * concurrency) until its outcome is published, and only then are the batch's offsets committed. A batch that fails
 * is rewound and handled again; the send ledger makes that repeat send nothing twice.
 */
@ApplicationScoped
public class TriggerConsumer {

  private static final Logger LOG = Logger.getLogger(TriggerConsumer.class);

  private final String servers;
  private final NotifierConfig config;
  private final RecordRouter router;
  private final SendLedger ledger;
  private final Set<Integer> ownedTriggerPartitions = ConcurrentHashMap.newKeySet();
  private ExecutorService workers;
  private KafkaConsumer<String, byte[]> consumer;
  private Worker worker;
  private volatile boolean running = true;

  public TriggerConsumer(@ConfigProperty(name = "kafka.bootstrap.servers") String servers, NotifierConfig config,
      RecordRouter router, SendLedger ledger) {
    this.servers = servers;
    this.config = config;
    this.router = router;
    this.ledger = ledger;
  }

  void start(@Observes StartupEvent event, Customers customers, Catalog catalog, Inbox inbox, ShopRulesTable rules) {
    workers = Executors.newFixedThreadPool(config.workers());
    consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
        ConsumerConfig.GROUP_ID_CONFIG, config.consumerGroup(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.batchSize(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50,
        // A crashed instance's partitions move to the others after 10 s instead of the default 45 s.
        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000),
        new StringDeserializer(), new ByteArrayDeserializer());
    // A shop's channel rules too: before they are read, a shop that turned email off would still get emails.
    worker = Workers.start("trigger-consumer", self -> run(self, List.of(customers::awaitLoaded,
        catalog::awaitLoaded, inbox::awaitLoaded, rules::awaitLoaded)));
  }

  /** Whether this instance handles the customer's triggers now (their partition is assigned here). */
  public boolean owns(String customerKey) {
    return ownedTriggerPartitions.contains(Topics.UPSELL_TRIGGERS.partitionOf(customerKey));
  }

  // Anything but a wake-up escapes to the worker, which reports it DOWN and stops the service to be restarted:
  // a consumer thread that ends quietly would leave every later trigger unsent with health still UP.
  private void run(Worker self, List<java.util.function.Consumer<Duration>> tables) {
    try {
      tables.forEach(t -> t.accept(Duration.ofMinutes(2)));
      consumer.subscribe(List.of(Topics.UPSELL_TRIGGERS.name(), Topics.ANALYTICS_REPORTS.name()), rebalance());
      while (running) {
        ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(200));
        self.progressed(lag());
        if (workers.isShutdown() && running) {
          throw new IllegalStateException("the sender pool stopped");
        }
        if (!batch.isEmpty()) {
          InjectedFault.check("trigger-consumer");
          self.pendingSince(oldestTimestamp(batch));
          handle(self, batch);
          self.pendingSince(0);
        }
      }
    } catch (WakeupException e) {
      // stopping
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Records behind this consumer on its partitions, as far as its last fetch knows (no broker call). */
  private long lag() {
    return consumer.assignment().stream().mapToLong(p -> consumer.currentLag(p).orElse(0)).sum();
  }

  private static long oldestTimestamp(ConsumerRecords<String, byte[]> batch) {
    long oldest = Long.MAX_VALUE;
    for (ConsumerRecord<String, byte[]> record : batch) {
      oldest = Math.min(oldest, record.timestamp());
    }
    return oldest;
  }

  private void handle(Worker self, ConsumerRecords<String, byte[]> batch) {
    // One customer's records run in order on one worker: a trigger delivered twice in one batch then meets its own
    // outcome in the ledger instead of racing it, and a customer's messages keep their order.
    Map<String, List<ConsumerRecord<String, byte[]>>> byCustomer = new java.util.LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> record : batch) {
      byCustomer.computeIfAbsent(String.valueOf(record.key()), k -> new ArrayList<>()).add(record);
    }
    List<CompletableFuture<Void>> handled = new ArrayList<>();
    for (List<ConsumerRecord<String, byte[]>> records : byCustomer.values()) {
      handled.add(CompletableFuture.supplyAsync(() -> inOrder(records), workers).thenCompose(outcome -> outcome));
    }
    try {
      CompletableFuture.allOf(handled.toArray(CompletableFuture[]::new)).join();
      consumer.commitSync(nextOffsets(batch));
      batch.partitions().forEach(p -> self.processed(p.topic(), batch.records(p).size()));
    } catch (RuntimeException e) {
      LOG.warn("batch failed; rewinding to handle it again (the ledger skips what was done)", e);
      batch.partitions().forEach(p -> consumer.seek(p, batch.records(p).get(0).offset()));
      sleep(Duration.ofSeconds(1));
    }
  }

  /**
   * Routes one customer's records in turn, each after the previous one's outcome is in Kafka. The last outcome is
   * returned, not awaited: the worker moves on to the next customer while the broker acknowledges it.
   */
  private CompletableFuture<Void> inOrder(List<ConsumerRecord<String, byte[]>> records) {
    CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
    for (ConsumerRecord<String, byte[]> record : records) {
      previous.join();
      previous = router.route(record);
    }
    return previous;
  }

  private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> batch) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition p : batch.partitions()) {
      List<ConsumerRecord<String, byte[]>> records = batch.records(p);
      offsets.put(p, new OffsetAndMetadata(records.get(records.size() - 1).offset() + 1));
    }
    return offsets;
  }

  private ConsumerRebalanceListener rebalance() {
    return new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        partitions.forEach(p -> ownedTriggerPartitions.remove(p.partition()));
      }

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        // A partition taken over from another instance: read the ledger to its end before sending anything.
        ledger.awaitCaughtUp(Duration.ofMinutes(2));
        partitions.stream().filter(p -> p.topic().equals(Topics.UPSELL_TRIGGERS.name()))
            .forEach(p -> ownedTriggerPartitions.add(p.partition()));
      }
    };
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
    if (consumer != null) {
      consumer.wakeup();
    }
    if (workers != null) {
      workers.shutdownNow();
    }
    try {
      if (worker != null) {
        worker.join(TimeUnit.SECONDS.toMillis(10));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
