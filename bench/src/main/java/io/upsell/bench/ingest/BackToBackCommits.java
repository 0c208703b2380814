package io.upsell.bench.ingest;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Why a lane rests after its commit: one transactional producer (no service) writing one event and one marker per
 * transaction, back to back or with a pause between transactions, on a broker in its own JVM. Back to back, the
 * next transaction's first produce often meets the previous commit's markers still being written, and the broker
 * (transactions v2) retries adding the partition {@code add.partitions.to.txn.retry.backoff.ms} (20 ms) later.
 * Prints the share of transactions over 18 ms. Run it from the repository root on the bench class path, as
 * {@code bench/run.sh} runs its mains.
 */
public final class BackToBackCommits {

  private static final int[] PAUSES_MILLIS = {0, 2, 0, 2, 0, 3};
  private static final int TRANSACTIONS = 300;

  private BackToBackCommits() {}

  public static void main(String[] args) {
    io.upsell.testkit.BenchMain.run(BackToBackCommits::measure);
  }

  private static void measure() throws Exception {
    try (BrokerProcess broker = BrokerProcess.start(); var producer = new KafkaProducer<>(Map.<String, Object>of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "back-to-back-" + UUID.randomUUID(),
        ProducerConfig.LINGER_MS_CONFIG, 0), new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      System.out.printf("%n| pause between transactions ms | transactions over 18 ms | p50 ms | p90 ms | p99 ms |"
          + "%n| --- | --- | --- | --- | --- |%n");
      for (int pause : PAUSES_MILLIS) {
        long[] nanos = new long[TRANSACTIONS];
        for (int i = 0; i < TRANSACTIONS; i++) {
          Thread.sleep(pause);
          long begun = System.nanoTime();
          producer.beginTransaction();
          producer.send(new ProducerRecord<>("app.usage", i % 6, null, new byte[72]));
          producer.send(new ProducerRecord<>("ingest.seen-ids", i % 6, null, new byte[72]));
          producer.commitTransaction();
          nanos[i] = System.nanoTime() - begun;
        }
        Arrays.sort(nanos);
        long slow = Arrays.stream(nanos).filter(n -> n > Duration.ofMillis(18).toNanos()).count();
        System.out.printf("| %d | %d%% | %.1f | %.1f | %.1f |%n", pause, 100 * slow / TRANSACTIONS,
            nanos[TRANSACTIONS / 2] / 1e6, nanos[TRANSACTIONS * 9 / 10] / 1e6, nanos[TRANSACTIONS * 99 / 100] / 1e6);
      }
    }
  }
}
