package io.upsell.bench.backtest;

import io.upsell.engine.backtest.BacktestJob;
import io.upsell.engine.backtest.BacktestReport;
import io.upsell.engine.backtest.BacktestRunner;
import io.upsell.engine.testing.EngineDriver;
import io.upsell.engine.testing.OnlineRetail;
import io.upsell.engine.testing.TestConfig;
import io.upsell.engine.topology.Replay;
import io.upsell.engine.topology.Scope;
import io.upsell.platform.kafka.BoundedRocksDbMemory;
import io.upsell.platform.shops.Shop;
import io.upsell.platform.shops.ShopDirectory;
import io.upsell.platform.shops.Storefront;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.testkit.BenchMain;
import io.upsell.testkit.BulkProducer;
import io.upsell.testkit.TestKafka;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Replay rate of a backtest over the shared December 2010 online-retail month (its orders, written as
 * {@code ./upsell import} writes them) beside two ceilings from the same broker in the same run: the replay's own
 * read of the same records (the same time-ordered merge, no topology), and a plain consumer reading them in log order.
 * Each figure is records read over wall time, summed over {@value #RUNS} runs after {@value #WARM_UP} unmeasured
 * ones (the JIT's); a replay's time is the job's whole life (topology built, local state opened and removed, the
 * shop's rules and catalog read). Args: [runs] (default {@value #RUNS}).
 */
public final class BacktestBenchmark {

  private static final String SHOP = "online-retail";
  private static final Instant FROM = Instant.parse("2010-12-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2011-01-01T00:00:00Z");
  private static final int RUNS = 5;
  private static final int WARM_UP = 2;
  private static final ShopDirectory SHOPS = new ShopDirectory(Map.of(SHOP, new Shop(SHOP, "Online Retail",
      ZoneId.of("Europe/London"), "GBP", new byte[32], Optional.empty(), "en",
      new Storefront(Optional.of(URI.create(EngineDriver.STOREFRONT)), Map.of()))));
  // The live engine's memory bounds (its application.properties), as Backtests hands them to a replay.
  private static final Map<String, String> MEMORY = Map.of(
      StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "16777216",
      StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName(),
      BoundedRocksDbMemory.TOTAL_BYTES_CONFIG, "268435456",
      ConsumerConfig.FETCH_MAX_BYTES_CONFIG, "4194304");

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private BacktestBenchmark() {}

  public static void main(String[] args) {
    BenchMain.run(() -> run(args.length > 0 ? Integer.parseInt(args[0]) : RUNS));
  }

  private static void run(int runs) throws Exception {
    String bootstrap = TestKafka.broker().bootstrapServers();
    List<OrderPlaced> orders = OnlineRetail.orders(SHOP);
    try (BulkProducer out = new BulkProducer(bootstrap)) {
      for (OrderPlaced order : orders) {
        out.send(Topics.SHOP_ORDERS, Keys.customer(SHOP, order.getCustomerId()), new OrderEvent(order),
            order.getOccurredAt().toEpochMilli());
      }
      out.flush();
    }
    System.err.printf("[bench] imported %,d orders of %s%n", orders.size(), OnlineRetail.file());
    Path state = Files.createTempDirectory("bench-backtest");
    Map<String, String> memory = new java.util.HashMap<>(MEMORY);
    // Experiments: -Dbench.streams.<streams config>=value overrides the replay's Streams config.
    System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith("bench.streams."))
        .forEach(n -> memory.put(n.substring("bench.streams.".length()), System.getProperty(n)));
    BacktestRunner runner = new BacktestRunner(TestConfig.engine(Map.of()), EventSerdes.singleObject(), SHOPS,
        bootstrap, memory, state);
    Scope scope = new Scope(SHOP, FROM.toEpochMilli(), TO.toEpochMilli());
    Replay replay = new Replay(null, true, TO.toEpochMilli());
    Timing replays = new Timing();
    Timing merged = new Timing();
    Timing plain = new Timing();
    String report = null;
    for (int i = 0; i < WARM_UP + runs; i++) {
      boolean measured = i >= WARM_UP;
      long t0 = System.nanoTime();
      long cpu0 = CPU.getCurrentThreadCpuTime();
      BacktestJob job = new BacktestJob("bench-" + i, SHOP, FROM, TO, true, new BacktestReport(ZoneId.of("UTC")));
      runner.run(job, scope, replay);
      if (job.view().status() != BacktestJob.Status.DONE) {
        throw new IllegalStateException("backtest failed: " + job.view().error());
      }
      replays.add(measured, job.view().replayed(), System.nanoTime() - t0, CPU.getCurrentThreadCpuTime() - cpu0);
      report = "fired " + job.report().snapshot().firedByType() + ", refused "
          + job.report().snapshot().suppressedByReason();
      t0 = System.nanoTime();
      cpu0 = CPU.getCurrentThreadCpuTime();
      long read = runner.readOnly(scope, replay);
      merged.add(measured, read, System.nanoTime() - t0, CPU.getCurrentThreadCpuTime() - cpu0);
      t0 = System.nanoTime();
      cpu0 = CPU.getCurrentThreadCpuTime();
      read = plainRead(bootstrap);
      plain.add(measured, read, System.nanoTime() - t0, CPU.getCurrentThreadCpuTime() - cpu0);
    }
    System.err.printf("[bench] each run read %,d records (%s); the last run's report: %s%n", replays.perRun(),
        replays.spread(), report);
    System.err.printf("[bench] merged read alone %s; plain consumer %s%n", merged.spread(), plain.spread());
    System.out.println();
    System.out.println("| figure | ours | ceiling | ratio |");
    System.out.println("| --- | ---: | ---: | ---: |");
    System.out.printf("| records/s, backtest replay of the December 2010 month (%,d records, %d runs, whole job) vs "
        + "the replay's time-ordered read alone (no topology) | %,.0f | %,.0f | %.0f%% |%n", replays.perRun(), runs,
        replays.rate(), merged.rate(), 100 * replays.rate() / merged.rate());
    System.out.printf("| records/s, backtest replay vs a plain consumer reading the same records in log order | %,.0f "
        + "| %,.0f | %.0f%% |%n", replays.rate(), plain.rate(), 100 * replays.rate() / plain.rate());
    System.out.printf("| records per CPU-second of the replaying thread (the job runs on the caller's), replay vs the "
        + "time-ordered read alone | %,.0f | %,.0f | %.0f%% |%n", replays.cpuRate(), merged.cpuRate(),
        100 * replays.cpuRate() / merged.cpuRate());
    System.out.printf("| records/s, backtest replay vs the issue's target (20,000) | %,.0f | 20,000 | %s |%n",
        replays.rate(), replays.rate() >= 20_000 ? "met" : "missed");
  }

  // Every record of shop.orders, in log order, read_committed as the replay reads: a read with nothing to merge.
  private static long plainRead(String bootstrap) {
    Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.FETCH_MAX_BYTES_CONFIG, MEMORY.get(ConsumerConfig.FETCH_MAX_BYTES_CONFIG));
    try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.SHOP_ORDERS.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long read = 0;
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        read += consumer.poll(Duration.ofMillis(200)).count();
      }
      return read;
    }
  }

  /** Records and wall time of the measured runs. */
  private static final class Timing {
    private final List<Long> nanos = new ArrayList<>();
    private long records;
    private long lastRecords;
    private long cpuNanos;

    void add(boolean measured, long read, long elapsedNanos, long threadCpuNanos) {
      lastRecords = read;
      if (measured) {
        records += read;
        nanos.add(elapsedNanos);
        cpuNanos += threadCpuNanos;
      }
    }

    double cpuRate() {
      return records / (cpuNanos / 1e9);
    }

    double rate() {
      return records / (nanos.stream().mapToLong(Long::longValue).sum() / 1e9);
    }

    long perRun() {
      return lastRecords;
    }

    String spread() {
      long[] ms = nanos.stream().mapToLong(n -> n / 1_000_000).sorted().toArray();
      return "runs of " + ms[0] + " to " + ms[ms.length - 1] + " ms, median " + ms[ms.length / 2] + " ms: "
          + Arrays.toString(ms);
    }
  }
}
