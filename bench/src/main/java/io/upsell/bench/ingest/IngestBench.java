package io.upsell.bench.ingest;

import io.upsell.schemas.topics.Topics;
import io.upsell.testkit.ServiceProcess;
import io.upsell.testkit.TestKafka;
import io.upsell.testkit.TestShops;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Benchmark of order-ingest over loopback against the raw Kafka producer ceiling measured on the same broker in
 * the same run. Starts a test-kit broker and the packaged service, then prints a Markdown table. The service's JVM
 * takes extra options from {@code -Dingest.bench.jvm="..."}, e.g. a flight recording. Run with
 * {@code bench/run.sh}, or alone from the repository root on the bench class path (docs/order-ingest.md). Targets: batch ≥ 25% of the ceiling; single-event
 * p99 &lt; 25 ms at 2,000 requests/s.
 */
public final class IngestBench {

  private static final int BATCH_SIZE = 1000;
  private static final int BATCH_THREADS = 4;
  /** Offered single-event rate; the first program argument overrides it (e.g. 500). */
  private static int singleRate = 2000;
  private static final int SINGLE_CONNECTIONS = 64;
  private static final Duration SINGLE_PHASE = Duration.ofSeconds(15);

  private IngestBench() {}

  public static void main(String[] args) {
    if (args.length > 0) {
      singleRate = Integer.parseInt(args[0]);
    }
    io.upsell.testkit.BenchMain.run(IngestBench::run);
  }

  /** {@code -Dingest.bench.broker=in-process} runs the broker in this JVM, as before (to compare). */
  private static final boolean BROKER_IN_PROCESS = "in-process".equals(System.getProperty("ingest.bench.broker"));

  private static void run() throws Exception {
    if (BROKER_IN_PROCESS) {
      run(TestKafka.broker().bootstrapServers());
    } else {
      try (BrokerProcess broker = BrokerProcess.start()) {
        run(broker.bootstrapServers());
      }
    }
  }

  private static void run(String servers) throws Exception {
    byte[] record = BenchEvents.encoded();
    System.err.printf("ceiling: kafka-producer-perf-test, records of %d bytes, acks=all ...%n", record.length);
    ProducerCeiling.Result ceiling = ProducerCeiling.measure(servers, Topics.APP_USAGE.name(), record.length);

    try (ServiceProcess service = startService(servers)) {
      LoadClient client = new LoadClient(service.baseUrl(), TestShops.SHOP_A_KEY);
      System.err.println("warm-up ...");
      client.batches(BATCH_THREADS, BATCH_SIZE, Duration.ofSeconds(8));
      client.singles(singleRate, Duration.ofSeconds(5), SINGLE_CONNECTIONS);
      System.err.println("batch path ...");
      LoadClient.Result batch = client.batches(BATCH_THREADS, BATCH_SIZE, Duration.ofSeconds(20));
      System.err.println("single events at " + singleRate + " req/s ...");
      GcPauses clientGc = new GcPauses();
      ServiceMetrics before = ServiceMetrics.scrape(service.baseUrl());
      clientGc.start();
      LoadClient.Result single = client.singles(singleRate, SINGLE_PHASE, SINGLE_CONNECTIONS);
      String clientPauses = clientGc.stop();
      ServiceMetrics after = ServiceMetrics.scrape(service.baseUrl());
      print(record.length, ceiling, batch, single, SingleEventBreakdown.serviceP99(before, after));
      SingleEventBreakdown.print(single, before, after, SINGLE_PHASE.toSeconds(), clientPauses, BROKER_IN_PROCESS);
      if (!client.errorKinds.isEmpty()) {
        System.out.println("Non-202 answers by kind (batch and single, warm-ups included; not in the percentiles): " + client.errorKinds);
      }
    }
  }

  private static ServiceProcess startService(String servers) throws Exception {
    List<String> options = new ArrayList<>(List.of("-Xmx512m"));
    String extra = System.getProperty("ingest.bench.jvm", "").strip();
    if (!extra.isEmpty()) {
      options.addAll(List.of(extra.split("\\s+")));
    }
    Map<String, String> env = Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", servers,
        "UPSELL_SHOPS_FILE", TestShops.writeFile().toString(),
        "QUARKUS_LOG_LEVEL", "WARN",
        "UPSELL_INGEST_RATE_LIMIT_EVENTS_PER_SECOND", "100000000",
        "UPSELL_INGEST_RATE_LIMIT_BURST", "100000000");
    return ServiceProcess.start(ServiceProcess.jar("order-ingest"), options, env, ServiceProcess.freePort(),
        Files.createTempFile("order-ingest-bench", ".log"), Duration.ofSeconds(60));
  }

  private static void print(int recordBytes, ProducerCeiling.Result ceiling, LoadClient.Result batch,
      LoadClient.Result single, String serviceP99) {
    double rate = ceiling.recordsPerSecond();
    System.out.printf("%n| figure | ours | ceiling | ratio |%n| --- | --- | --- | --- |%n");
    System.out.printf("| batch path, events/s (%d-event NDJSON batches, %d clients) | %,.0f | %,.0f records/s | %.0f%% "
        + "(target ≥ 25%%) |%n", BATCH_SIZE, BATCH_THREADS, batch.eventsPerSecond(), rate,
        100 * batch.eventsPerSecond() / rate);
    System.out.printf("| batch request latency p50 / p99 | %.1f / %.1f ms | %d / %d ms (perf-test send to ack, "
        + "%,d records) | |%n", batch.p50Millis(), batch.p99Millis(), ceiling.p50Millis(), ceiling.p99Millis(),
        ceiling.records());
    System.out.printf("| single event p50 at %,d req/s | %.1f ms | | |%n", singleRate, single.p50Millis());
    System.out.printf("| single event p99 at %,d req/s | %.1f ms | 25 ms (target) | %.2f |%n", singleRate,
        single.p99Millis(), single.p99Millis() / 25.0);
    System.out.printf("| single event p99 inside the service: HTTP / submit to answer / commit (histogram bounds) "
        + "| %s ms | | |%n", serviceP99);
    System.out.printf("| single events achieved | %,.0f req/s | %,d req/s offered | |%n", single.eventsPerSecond(),
        singleRate);
    System.out.printf("| errors (non-202, not in the percentiles above) batch / single | %d / %d | | |%n",
        batch.errors(), single.errors());
    System.out.printf("%nRecord value: %d bytes Avro. The ceiling is kafka-producer-perf-test (ProducerPerformance, own "
        + "JVM, same size, same topic, acks=all, idempotent, after every partition's leader acknowledged a write); ours "
        + "also writes one idempotency marker per event in the same transaction.%n", recordBytes);
  }
}
