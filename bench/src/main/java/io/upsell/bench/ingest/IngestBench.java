package io.upsell.bench.ingest;

import io.upsell.schemas.topics.Topics;
import io.upsell.testkit.ServiceProcess;
import io.upsell.testkit.TestKafka;
import io.upsell.testkit.TestShops;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Comparator;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import io.upsell.ingest.publish.PublisherSettings;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Benchmark of order-ingest over loopback against the raw Kafka producer ceiling measured on the same broker in
 * the same run, configured as the service's producers are ({@link ProducerCeiling}), in rounds that alternate with
 * the service's batch path after both warmed up. Starts a test-kit broker and the packaged service, then prints a Markdown table. The service's JVM
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
  /** Rounds of ceiling and batch path, alternating which goes first; an odd number, for a median. */
  private static final int ROUNDS = 3;
  private static final Duration ROUND = Duration.ofSeconds(10);
  private static final Duration CEILING_WARM_UP = Duration.ofSeconds(8);

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
    ProducerCeiling.awaitLeaders(servers, Topics.APP_USAGE.name());
    try (ServiceProcess service = startService(servers)) {
      LoadClient client = new LoadClient(service.baseUrl(), TestShops.SHOP_A_KEY);
      System.err.println("warm-up ...");
      client.batches(BATCH_THREADS, BATCH_SIZE, Duration.ofSeconds(8));
      client.singles(singleRate, Duration.ofSeconds(5), SINGLE_CONNECTIONS);
      // Ceiling and service alternate, each round the other first, so neither always meets the machine first.
      List<ProducerCeiling.Result> ceilings = new ArrayList<>();
      List<LoadClient.Result> batches = new ArrayList<>();
      for (int round = 1; round <= ROUNDS; round++) {
        boolean ceilingFirst = round % 2 == 1;
        if (ceilingFirst) {
          ceilings.add(ceiling(servers));
        }
        System.err.println("batch path, round " + round + " ...");
        batches.add(client.batches(BATCH_THREADS, BATCH_SIZE, ROUND));
        if (!ceilingFirst) {
          ceilings.add(ceiling(servers));
        }
        System.out.printf("[bench] round %d (%s first): batch path %,.0f events/s, ceiling %,.0f records/s (%.0f%%)%n",
            round, ceilingFirst ? "ceiling" : "service", batches.get(round - 1).eventsPerSecond(),
            ceilings.get(round - 1).recordsPerSecond(),
            100 * batches.get(round - 1).eventsPerSecond() / ceilings.get(round - 1).recordsPerSecond());
      }
      System.err.println("single events at " + singleRate + " req/s ...");
      GcPauses clientGc = new GcPauses();
      ServiceMetrics before = ServiceMetrics.scrape(service.baseUrl());
      clientGc.start();
      LoadClient.Result single = client.singles(singleRate, SINGLE_PHASE, SINGLE_CONNECTIONS);
      String clientPauses = clientGc.stop();
      ServiceMetrics after = ServiceMetrics.scrape(service.baseUrl());
      print(record.length, median(ceilings, ProducerCeiling.Result::recordsPerSecond),
          median(batches, LoadClient.Result::eventsPerSecond), single, SingleEventBreakdown.serviceP99(before, after));
      SingleEventBreakdown.print(single, before, after, SINGLE_PHASE.toSeconds(), clientPauses, BROKER_IN_PROCESS);
      if (!client.errorKinds.isEmpty()) {
        System.out.println("Non-202 answers by kind (batch and single, warm-ups included; not in the percentiles): " + client.errorKinds);
      }
    }
  }

  private static ProducerCeiling.Result ceiling(String servers) throws Exception {
    System.err.println("ceiling: the service's producers without the service ...");
    return ProducerCeiling.measure(servers, Topics.APP_USAGE.name(), CEILING_WARM_UP, ROUND);
  }

  /** The round with the median of {@code rate} (rounds are odd in number). */
  private static <T> T median(List<T> rounds, ToDoubleFunction<T> rate) {
    return rounds.stream().sorted(Comparator.comparingDouble(rate)).toList().get(rounds.size() / 2);
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
      LoadClient.Result single, String serviceP99) throws Exception {
    double rate = ceiling.recordsPerSecond();
    System.out.printf("%n| figure | ours | ceiling | ratio |%n| --- | --- | --- | --- |%n");
    System.out.printf("| batch path, events/s (%d-event NDJSON batches, %d clients; median of %d alternating rounds "
        + "of %d s) | %,.0f | %,.0f records/s | %.0f%% (target ≥ 25%%) |%n", BATCH_SIZE, BATCH_THREADS, ROUNDS,
        ROUND.toSeconds(), batch.eventsPerSecond(), rate, 100 * batch.eventsPerSecond() / rate);
    System.out.printf("| batch request latency p50 / p99 (the median round's) | %.1f / %.1f ms | %.1f / %.1f ms "
        + "(ceiling: send to ack of every 16th of %,d records) | |%n", batch.p50Millis(), batch.p99Millis(),
        ceiling.p50Millis(), ceiling.p99Millis(), ceiling.records());
    System.out.printf("| single event p50 at %,d req/s | %.1f ms | | |%n", singleRate, single.p50Millis());
    System.out.printf("| single event p99 at %,d req/s | %.1f ms | 25 ms (target) | %.2f |%n", singleRate,
        single.p99Millis(), single.p99Millis() / 25.0);
    System.out.printf("| single event p99 inside the service: HTTP / submit to answer / commit (histogram bounds) "
        + "| %s ms | | |%n", serviceP99);
    System.out.printf("| single events achieved | %,.0f req/s | %,d req/s offered | |%n", single.eventsPerSecond(),
        singleRate);
    System.out.printf("| errors (non-202, not in the percentiles above) batch / single | %d / %d | | |%n",
        batch.errors(), single.errors());
    PublisherSettings settings = ProducerCeiling.serviceSettings("-");
    Map<String, Object> producer = settings.producerConfig("-");
    System.out.printf("%nRecord value: %d bytes Avro. The ceiling (own JVM, warmed up %d s before each round, same "
        + "topic and keys) is the service's producers without the service: %d transactional producers, "
        + "transactions of %,d records, %d ms rest after each commit, acks=%s, idempotence %s, batch.size %s, "
        + "linger.ms %s, compression %s; ours also writes one idempotency marker per event in the same "
        + "transaction.%n", recordBytes, CEILING_WARM_UP.toSeconds(), settings.transactions(),
        settings.maxGroupRecords(), settings.restAfterCommit().toMillis(), producer.get(ProducerConfig.ACKS_CONFIG),
        producer.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG), producer.get(ProducerConfig.BATCH_SIZE_CONFIG),
        producer.get(ProducerConfig.LINGER_MS_CONFIG),
        producer.getOrDefault(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none (Kafka's default)"));
  }
}
