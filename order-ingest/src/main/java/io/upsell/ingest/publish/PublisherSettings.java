package io.upsell.ingest.publish;

import io.upsell.ingest.IngestConfig;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How the publisher talks to Kafka: an idempotent, transactional producer with acks=all whose every wait is
 * bounded by {@code maxBlock} and {@code deliveryTimeout}, so a dead broker costs a request seconds, not a hang.
 *
 * @param transactionalId unique per running instance; each lane adds {@code -<n>}; a restarted instance reusing it
 *     (with as many lanes) fences its old self
 * @param queueCapacity requests waiting for a transaction before new ones get 503
 * @param maxGroupRecords events gathered into one transaction
 * @param downBackoff after a failed transaction, requests get 503 at once for this long (also their Retry-After)
 * @param transactions lanes, i.e. transactions open at once: a new group starts while earlier ones commit
 * @param restAfterCommit how long a lane waits after its commit before it begins another transaction (see
 *     {@code Lane}): long enough for the broker to finish the commit's markers
 * @param requestTimeout how long a request waits for its answer; a commit that timed out is retried until then
 */
public record PublisherSettings(String bootstrapServers, String transactionalId, Duration maxBlock,
    Duration deliveryTimeout, int queueCapacity, int maxGroupRecords, Duration downBackoff, int transactions,
    Duration restAfterCommit, Duration requestTimeout) {

  /** The settings {@code kafka} declares, for an instance whose lanes' transactional ids start with {@code transactionalId}. */
  public static PublisherSettings of(String bootstrapServers, String transactionalId, IngestConfig.Kafka kafka) {
    return new PublisherSettings(bootstrapServers, transactionalId, kafka.maxBlock(), kafka.deliveryTimeout(),
        kafka.queueCapacity(), kafka.maxGroupRecords(), kafka.retryAfter(), kafka.transactions(),
        kafka.restAfterCommit(), kafka.requestTimeout());
  }

  Producer<String, byte[]> newProducer(String transactionalId) {
    return new KafkaProducer<>(producerConfig(transactionalId), new StringSerializer(), new ByteArraySerializer());
  }

  /** A lane's producer config; public so that the benchmark's producer ceiling is configured as the lanes are. */
  public Map<String, Object> producerConfig(String transactionalId) {
    int delivery = (int) deliveryTimeout.toMillis();
    Map<String, Object> config = Map.ofEntries(
        Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
        Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
        Map.entry(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId),
        // A crashed instance's open transaction holds back read-committed consumers until this times out.
        Map.entry(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000),
        Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlock.toMillis()),
        Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery),
        Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, delivery),
        Map.entry(ProducerConfig.LINGER_MS_CONFIG, 0),
        Map.entry(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
        Map.entry(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000),
        // Under transactions v1 a transaction's first produce to a partition whose previous transaction is still
        // completing is answered CONCURRENT_TRANSACTIONS and retried after this backoff (the 100 ms default would cap
        // us at ~10 commits/s); under v2 the broker retries itself (see Lane.restAfterCommit).
        Map.entry(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 2),
        Map.entry(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 100));
    return config;
  }
}
