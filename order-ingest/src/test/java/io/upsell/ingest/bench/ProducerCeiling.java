package io.upsell.ingest.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The raw Kafka producer ceiling, as kafka-producer-perf-test measures it: one idempotent producer with acks=all
 * sending records of a given size as fast as the broker acknowledges them, for a fixed time, with a bounded number
 * of records outstanding; records acknowledged per second from first send to last ack.
 */
final class ProducerCeiling {

  private static final int OUTSTANDING = 10_000;

  private ProducerCeiling() {}

  static double recordsPerSecond(String servers, String topic, byte[] value, Duration duration)
      throws InterruptedException {
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
        ProducerConfig.LINGER_MS_CONFIG, 5);
    Semaphore window = new Semaphore(OUTSTANDING);
    AtomicLong acked = new AtomicLong();
    AtomicLong lastAck = new AtomicLong();
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      long started = System.nanoTime();
      long end = started + duration.toNanos();
      for (long i = 0; System.nanoTime() < end && failure.get() == null; i++) {
        window.acquire();
        producer.send(new ProducerRecord<>(topic, "bench:c-" + (i % 10_000), value), (metadata, error) -> {
          if (error != null) {
            failure.compareAndSet(null, error);
          } else {
            acked.incrementAndGet();
            lastAck.set(System.nanoTime());
          }
          window.release();
        });
      }
      // Stragglers get 5 s; a batch stuck longer (seen on this heavily loaded machine: one partition's batch
      // expiring after delivery.timeout.ms) is reported, not waited for, and the rate counts acks only.
      if (!window.tryAcquire(OUTSTANDING, 5, TimeUnit.SECONDS) || failure.get() != null) {
        System.err.printf("ceiling: %d records still unacknowledged after the drain (%s)%n",
            OUTSTANDING - window.availablePermits(), failure.get());
      }
      double rate = acked.get() / ((lastAck.get() - started) / 1e9);
      producer.close(Duration.ZERO);
      return rate;
    }
  }
}
