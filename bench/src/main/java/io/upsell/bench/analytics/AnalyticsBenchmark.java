package io.upsell.bench.analytics;

import io.upsell.analytics.fixtures.Events;
import io.upsell.bench.ProcessCpu;
import io.upsell.testkit.BulkProducer;
import io.upsell.analytics.kpi.Granularity;
import io.upsell.analytics.query.DateRange;
import io.upsell.analytics.query.KpiQuery;
import io.upsell.analytics.query.RemoteRanges;
import io.upsell.analytics.query.StoreRanges;
import io.upsell.analytics.stream.AnalyticsSettings;
import io.upsell.analytics.stream.AnalyticsTopology;
import io.upsell.platform.shops.Shop;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.shop.SalesChannel;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.testkit.TestKafka;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Aggregation throughput beside a pass-through Streams app (same input, same serdes, same exactly-once commits;
 * warmed up by a first unmeasured run, then run once before ours and once after it),
 * freshness (order produced → visible in the KPI query) and KPI query latency for a 90-day daily series. Starts
 * its own in-process broker; prints a Markdown table. Run by {@code bench/run.sh}, or alone from the repository root
 * on the bench class path (docs/analytics.md; optional args: orders, freshness samples).
 */
public final class AnalyticsBenchmark {

  private static final String SHOP = "bench";
  private static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);
  private static final int DAYS = 90;

  private final EventSerdes serdes = EventSerdes.singleObject();
  private final String bootstrap;
  private final Admin admin;

  private AnalyticsBenchmark(String bootstrap) {
    this.bootstrap = bootstrap;
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  public static void main(String[] args) {
    io.upsell.testkit.BenchMain.run(() -> {
      int orders = args.length > 0 ? Integer.parseInt(args[0]) : 150_000;
      int samples = args.length > 1 ? Integer.parseInt(args[1]) : 200;
      AnalyticsBenchmark bench = new AnalyticsBenchmark(TestKafka.broker().bootstrapServers());
      try {
        bench.run(orders, samples);
      } finally {
        bench.admin.close();
      }
    });
  }

  private void run(int orders, int samples) throws Exception {
    produceOrders(orders);
    // Not measured: the JIT compiles the paths every Streams app shares before any app is timed.
    Run warmUp = throughput(passThrough(), "bench-passthrough-warm-up-" + UUID.randomUUID(), orders);
    System.err.printf("[bench] warm-up (pass-through, not measured): %.0f orders/s%n", warmUp.perSecond());
    // The ceiling runs once before ours and once after it; its figures are the mean of both.
    Run before = throughput(passThrough(), "bench-passthrough-" + UUID.randomUUID(), orders);
    String appId = "bench-analytics-" + UUID.randomUUID();
    Topology topology = AnalyticsTopology.build(serdes, AnalyticsSettings.defaults(id -> ZoneOffset.UTC, id -> "GBP"));
    Run ours = throughput(topology, appId, orders);
    Run after = throughput(passThrough(), "bench-passthrough-" + UUID.randomUUID(), orders);
    System.out.printf("[bench] pass-through before / after ours: %.0f / %.0f orders/s, %.1f / %.1f µs CPU per order; "
        + "ours %.0f orders/s, %.1f µs%n", before.perSecond(), after.perSecond(), before.cpuMicrosPerOrder(),
        after.cpuMicrosPerOrder(), ours.perSecond(), ours.cpuMicrosPerOrder());
    Run passThrough = new Run(null, 2 / (1 / before.perSecond() + 1 / after.perSecond()),
        (before.cpuMicrosPerOrder() + after.cpuMicrosPerOrder()) / 2);
    double ceiling = passThrough.perSecond();
    try (KafkaStreams analytics = ours.streams()) {
      StoreRanges ranges = new StoreRanges(analytics, new RemoteRanges(), 3, 2);
      KpiQuery kpis = new KpiQuery(ranges);
      Shop shop = new Shop(SHOP, "Bench", ZoneOffset.UTC, "GBP", new byte[32], Optional.empty());
      List<Long> freshness = freshness(kpis, shop, samples);
      List<Long> query = queryLatency(kpis, shop, Granularity.DAY, 2_000);
      // Weeks and months are read as sums of their days: what that costs a monthly series of the same 90 days.
      List<Long> monthly = queryLatency(kpis, shop, Granularity.MONTH, 2_000);
      System.out.println();
      System.out.println("| figure | ours | ceiling | ratio |");
      System.out.println("| --- | --- | --- | --- |");
      System.out.printf("| aggregation throughput, orders/s (%d orders, target ratio >= 50%%) | %.0f | %.0f "
          + "(pass-through Streams app, warmed up; mean time of 2 runs, before and after ours) | %.0f%% |%n", orders,
          ours.perSecond(), ceiling, 100 * ours.perSecond() / ceiling);
      System.out.printf("| CPU time of the whole bench JVM (/proc: every thread, RocksDB's native ones and the "
          + "in-process broker's included), µs per order | %.1f | %.1f (pass-through Streams app, mean of 2 runs) | "
          + "%.0f%% |%n", ours.cpuMicrosPerOrder(), passThrough.cpuMicrosPerOrder(),
          100 * passThrough.cpuMicrosPerOrder() / ours.cpuMicrosPerOrder());
      System.out.printf("| freshness p50 / p99, ms (order produced -> in KPI query, %d samples) | %.0f / %.0f | "
          + "2000 (target) | %.2f |%n", samples, percentile(freshness, 50) / 1e6, percentile(freshness, 99) / 1e6,
          percentile(freshness, 99) / 1e6 / 2000);
      System.out.printf("| KPI query p50 / p99, ms (90-day daily series, 2000 queries) | %.2f / %.2f | "
          + "20 (target) | %.2f |%n", percentile(query, 50) / 1e6, percentile(query, 99) / 1e6,
          percentile(query, 99) / 1e6 / 20);
      System.out.printf("| KPI query p50 / p99, ms (monthly series of the same 90 days, from day buckets, 2000 queries) "
          + "| %.2f / %.2f | 20 (target) | %.2f |%n", percentile(monthly, 50) / 1e6, percentile(monthly, 99) / 1e6,
          percentile(monthly, 99) / 1e6 / 20);
    }
  }

  private record Run(KafkaStreams streams, double perSecond, double cpuMicrosPerOrder) {}

  // In time order over 90 days, as live traffic and an import of history both arrive; customers at random.
  private void produceOrders(int orders) {
    Random random = new Random(7);
    long spacingMillis = DAYS * 86_400_000L / orders;
    try (BulkProducer producer = new BulkProducer(bootstrap)) {
      for (int i = 0; i < orders; i++) {
        String customer = "c" + random.nextInt(20_000);
        Instant at = FIRST_DAY.atStartOfDay().toInstant(ZoneOffset.UTC).plusMillis(i * spacingMillis);
        producer.send(Topics.SHOP_ORDERS, Keys.customer(SHOP, customer), Events.order(SHOP, customer, "o" + i, at,
            100 + random.nextInt(10_000), 1 + random.nextInt(3), SalesChannel.values()[i % 6]), at.toEpochMilli());
      }
    }
  }

  private Topology passThrough() throws Exception {
    String sink = "bench-passthrough-sink-" + UUID.randomUUID();
    admin.createTopics(List.of(new NewTopic(sink, Topics.CUSTOMER_PARTITIONS, (short) 1))).all()
        .get(30, TimeUnit.SECONDS);
    StreamsBuilder builder = new StreamsBuilder();
    var valueSerde = serdes.valueSerde(Topics.SHOP_ORDERS);
    builder.stream(Topics.SHOP_ORDERS.name(), Consumed.with(serdes.keySerde(), valueSerde))
        .to(sink, Produced.with(serdes.keySerde(), valueSerde));
    return builder.build();
  }

  // From RUNNING until the group's committed offsets reach the end of the input.
  private Run throughput(Topology topology, String appId, int orders) throws Exception {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("bench").toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 10 * 1024 * 1024L);
    // As the service runs (application.properties); with one input topic the pass-through never waits anyway.
    props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    KafkaStreams streams = new KafkaStreams(topology, props);
    long[] runningAt = {0};
    streams.setStateListener((now, before) -> {
      if (now == KafkaStreams.State.RUNNING && runningAt[0] == 0) {
        runningAt[0] = System.nanoTime();
      }
    });
    double cpuBefore = ProcessCpu.ofThisProcess();
    streams.start();
    Map<TopicPartition, Long> ends = endOffsets();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!caughtUp(appId, ends)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(appId + " did not catch up within 120 s");
      }
      Thread.sleep(50);
    }
    double seconds = (System.nanoTime() - runningAt[0]) / 1e9;
    double cpuMicros = (ProcessCpu.ofThisProcess() - cpuBefore) * 1e6 / orders;
    if (appId.startsWith("bench-passthrough")) {
      streams.close(Duration.ofSeconds(10));
    }
    return new Run(streams, orders / seconds, cpuMicros);
  }

  private Map<TopicPartition, Long> endOffsets() throws Exception {
    Map<TopicPartition, OffsetSpec> wanted = new java.util.HashMap<>();
    for (int p = 0; p < Topics.SHOP_ORDERS.partitions(); p++) {
      wanted.put(new TopicPartition(Topics.SHOP_ORDERS.name(), p), OffsetSpec.latest());
    }
    Map<TopicPartition, Long> ends = new java.util.HashMap<>();
    admin.listOffsets(wanted).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
    return ends;
  }

  private boolean caughtUp(String group, Map<TopicPartition, Long> ends) throws Exception {
    var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    for (var end : ends.entrySet()) {
      var offset = committed.get(end.getKey());
      // Exactly-once commits leave a transaction marker after the last record: committed may pass the end seen.
      if (offset == null || offset.offset() < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  private List<Long> freshness(KpiQuery kpis, Shop shop, int samples) throws Exception {
    LocalDate day = LocalDate.of(2024, 6, 1);
    DateRange range = new DateRange(day, day.plusDays(1));
    List<Long> latencies = new ArrayList<>();
    try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, io.upsell.schemas.shop.OrderEvent>(
        Map.of("bootstrap.servers", bootstrap, "acks", "all", "linger.ms", 0, "enable.idempotence", false),
        serdes.keySerde().serializer(), serdes.valueSerde(Topics.SHOP_ORDERS).serializer())) {
      for (int i = 0; i < samples; i++) {
        Instant at = day.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(i);
        String customer = "fresh-" + i;
        long before = orders(kpis, shop, range);
        long start = System.nanoTime();
        producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.SHOP_ORDERS.name(), null,
            at.toEpochMilli(), Keys.customer(SHOP, customer), Events.order(SHOP, customer, "f" + i, at, 500)));
        while (orders(kpis, shop, range) == before) {
          if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(10)) {
            throw new IllegalStateException("order " + i + " not visible within 10 s");
          }
          Thread.sleep(2);
        }
        latencies.add(System.nanoTime() - start);
      }
    }
    return latencies;
  }

  private static long orders(KpiQuery kpis, Shop shop, DateRange range) {
    return kpis.series(shop, Granularity.DAY, range, null).series().get(0).orders();
  }

  private static List<Long> queryLatency(KpiQuery kpis, Shop shop, Granularity g, int queries) {
    DateRange range = new DateRange(FIRST_DAY, FIRST_DAY.plusDays(DAYS));
    int rows = g == Granularity.DAY ? DAYS : 3;
    List<Long> latencies = new ArrayList<>();
    for (int i = 0; i < queries; i++) {
      long start = System.nanoTime();
      var series = kpis.series(shop, g, range, null);
      latencies.add(System.nanoTime() - start);
      if (series.series().size() != rows) {
        throw new IllegalStateException("expected " + rows + " rows of " + g);
      }
    }
    return latencies;
  }

  private static double percentile(List<Long> values, int p) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
