package io.upsell.bench.engine;

import io.upsell.testkit.BenchMain;
import io.upsell.testkit.BulkProducer;
import io.upsell.engine.testing.TestConfig;
import io.upsell.engine.learned.BoughtTogether;
import io.upsell.engine.topology.EngineContext;
import io.upsell.engine.topology.EngineTopology;
import io.upsell.platform.shops.ShopDirectory;
import io.upsell.engine.topology.Scope;
import io.upsell.engine.topology.Sources;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topics;
import io.upsell.testkit.TestBroker;
import io.upsell.testkit.TestKafka;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Events/s of the whole engine topology beside two exactly-once ceilings on the same broker in the same run (a
 * pass-through app and a groupByKey().count() app), the bought-together learner alone (an upper bound for any engine
 * that learns as exactly and durably on one thread), timer lag of wall-clock timers, the bench JVM's RSS, and the
 * packaged engine run again as its own process over the same input for its own RSS under that load.
 * Args: [events] (default 1,000,000). {@code -Dbench.process-only=true} runs only the packaged engine (memory
 * experiments); {@code -Dbench.process.jvm="-X..."} adds JVM options to it.
 */
public final class EngineBenchmark {

  public static void main(String[] args) {
    BenchMain.run(() -> run(args));
  }

  private static void run(String[] args) throws Exception {
    long wanted = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    TestBroker broker = TestKafka.broker();
    String bootstrap = broker.bootstrapServers();
    long events;
    long producing = System.nanoTime();
    try (BulkProducer out = new BulkProducer(bootstrap)) {
      events = BenchEvents.produce(out, wanted);
    }
    System.err.printf("[bench] produced %,d events in %.1f s%n", events, (System.nanoTime() - producing) / 1e9);
    HashSet<String> inputs = new HashSet<>(StreamsRun.names(BenchEvents.TOPICS));
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      if (Boolean.getBoolean("bench.process-only")) { // memory experiments: only the packaged engine, no ceilings
        System.err.printf("[bench] engine process %s%n", EngineProcessRun.run(admin, bootstrap, inputs, engineSettings()));
        return;
      }
      String sink = "bench-passthrough-sink";
      admin.createTopics(List.of(new NewTopic(sink, Topics.CUSTOMER_PARTITIONS, (short) 1))).all().get();
      // Not measured: the JIT compiles the clients' and Streams' paths every app shares before any app is timed.
      System.err.printf("[bench] warm-up (count, not measured) %s%n",
          StreamsRun.time(admin, count(inputs), StreamsRun.props(bootstrap, "bench-warm-up"), inputs));
      // The ceilings run once before the engine and once after it; each figure is the mean of both.
      StreamsRun.Run passThroughBefore = StreamsRun.time(admin, passThrough(inputs, sink),
          StreamsRun.props(bootstrap, "bench-pass"), inputs);
      System.err.printf("[bench] pass-through, before the engine %s%n", passThroughBefore);
      StreamsRun.Run countBefore = StreamsRun.time(admin, count(inputs), StreamsRun.props(bootstrap, "bench-count"),
          inputs);
      System.err.printf("[bench] count, before the engine %s%n", countBefore);
      Map<String, String> engineSettings = engineSettings();
      var config = TestConfig.engine(engineSettings);
      // The learner alone, as exact and durable as in the engine: an engine that learns on one thread cannot
      // outrun it, whatever the rest of it costs.
      StreamsRun.Run learner = StreamsRun.time(admin, learnerOnly(config), StreamsRun.props(bootstrap, "bench-learner"),
          Set.of(Topics.SHOP_ORDERS.name()));
      System.err.printf("[bench] learner alone %s%n", learner);
      Properties engineProps = StreamsRun.props(bootstrap, "bench-engine");
      // Experiments: -Dbench.streams.<streams config>=value overrides the engine's Streams config.
      System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith("bench.streams."))
          .forEach(n -> engineProps.put(n.substring("bench.streams.".length()), System.getProperty(n)));
      var topology = EngineTopology.live(config, EventSerdes.singleObject(), new ShopDirectory(Map.of()));
      StreamsRun.Run ours = StreamsRun.time(admin, topology, engineProps, inputs);
      System.err.printf("[bench] engine %s%n", ours);
      StreamsRun.Run countAfter = StreamsRun.time(admin, count(inputs), StreamsRun.props(bootstrap, "bench-count-after"),
          inputs);
      System.err.printf("[bench] count, after the engine %s%n", countAfter);
      StreamsRun.Run passThroughAfter = StreamsRun.time(admin, passThrough(inputs, sink),
          StreamsRun.props(bootstrap, "bench-pass-after"), inputs);
      System.err.printf("[bench] pass-through, after the engine %s%n", passThroughAfter);
      StreamsRun.Run passThrough = StreamsRun.Run.mean(passThroughBefore, passThroughAfter);
      StreamsRun.Run count = StreamsRun.Run.mean(countBefore, countAfter);
      TimerLag.Result lag = TimerLag.measure(bootstrap, topology, engineProps);
      long rss = EngineProcessRun.rssKb(ProcessHandle.current().pid());
      long processEvents = StreamsRun.inputEnds(admin, inputs).values().stream().mapToLong(Long::longValue).sum();
      EngineProcessRun.Result process = EngineProcessRun.run(admin, bootstrap, inputs, engineSettings);
      System.err.printf("[bench] engine process %s%n", process);
      print(events, ours, passThrough, count, learner, lag, rss, engineProps, processEvents, process);
    }
  }

  private static Map<String, String> engineSettings() {
    Map<String, String> settings = new java.util.HashMap<>(Map.of("upsell.engine.quiet-hours-start", "00:00",
        "upsell.engine.quiet-hours-end", "00:00"));
    // Experiments: -Dbench.engine.<key>=value overrides an engine setting (upsell.engine.<key>), e.g. learn-top-products.
    System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith("bench.engine."))
        .forEach(n -> settings.put("upsell.engine." + n.substring("bench.engine.".length()), System.getProperty(n)));
    return settings;
  }

  private static org.apache.kafka.streams.Topology passThrough(java.util.Set<String> inputs, String sink) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(inputs, Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .to(sink, Produced.with(Serdes.String(), Serdes.ByteArray()));
    return builder.build();
  }

  private static org.apache.kafka.streams.Topology count(java.util.Set<String> inputs) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(inputs, Consumed.with(Serdes.String(), Serdes.ByteArray())).groupByKey().count();
    return builder.build();
  }

  private static org.apache.kafka.streams.Topology learnerOnly(io.upsell.engine.config.EngineConfig config) {
    StreamsBuilder builder = new StreamsBuilder();
    EventSerdes serdes = EventSerdes.singleObject();
    BoughtTogether.addTo(new EngineContext(config, serdes, new Sources(builder, serdes, Scope.everything()), null));
    return builder.build();
  }

  private static void print(long events, StreamsRun.Run ours, StreamsRun.Run passThrough, StreamsRun.Run count,
      StreamsRun.Run learner, TimerLag.Result lag, long rssKb, Properties streams, long processEvents, EngineProcessRun.Result process) {
    double oursRate = events / ours.seconds();
    System.out.println();
    System.out.println("| figure | ours | ceiling | ratio |");
    System.out.println("| --- | ---: | ---: | ---: |");
    System.out.printf("| events/s, full engine vs pass-through (EOS, 1 thread; ceiling: mean of 2 runs, before and after "
        + "the engine) | %,.0f | %,.0f | %.0f%% |%n", oursRate, events / passThrough.seconds(),
        100 * oursRate / (events / passThrough.seconds()));
    System.out.printf("| events/s, full engine vs groupByKey().count() (EOS, 1 thread; ceiling: mean of 2 runs, before "
        + "and after the engine) | %,.0f | %,.0f | %.0f%% |%n", oursRate, events / count.seconds(),
        100 * oursRate / (events / count.seconds()));
    System.out.printf("| events/s, the bought-together learner alone (reads only the orders; all events counted) vs "
        + "groupByKey().count() | %,.0f | %,.0f | %.0f%% |%n", events / learner.seconds(), events / count.seconds(),
        100 * (events / learner.seconds()) / (events / count.seconds()));
    System.out.printf("| events per CPU-second of the whole bench JVM (/proc: every thread, RocksDB's native ones and the "
        + "in-process broker's included), engine vs groupByKey().count() | %,.0f | %,.0f | %.0f%% |%n",
        events / ours.cpuSeconds(), events / count.cpuSeconds(), 100 * count.cpuSeconds() / ours.cpuSeconds());
    System.out.printf("| timer lag p50 / p99 / max, ms (every one of %d idle carts read: its reminder, or its holdout "
        + "suppression (%d); wall clock, due → read by a consumer) | %d / %d / %d | 1000 (p99 target) | %s |%n",
        lag.decided(), lag.suppressed(), lag.p50(), lag.p99(), lag.max(),
        lag.missing() == 0 && lag.p99() < 1000 ? "met" : "missed");
    System.out.printf("| timer lag: idle carts without a reminder or suppression %d s after sending | %d of %d | 0 | "
        + "%s |%n", TimerLag.WAIT.toSeconds(), lag.missing(), lag.carts(), lag.missing() == 0 ? "met" : "missed");
    if (lag.missing() > 0) {
      System.out.printf("[bench-warning] timer lag: %d of %d idle carts got neither a reminder nor a suppression "
          + "within %d s; the lag percentiles cover the %d that did%n", lag.missing(), lag.carts(),
          TimerLag.WAIT.toSeconds(), lag.decided());
    }
    System.out.printf("| RSS of the bench JVM (broker + engine + clients), MB | %d | - | - |%n", rssKb / 1024);
    if (process.failure() != null) {
      System.out.printf("| the packaged engine in its own JVM (launcher's flags: -Xmx256m, SerialGC), %,d events | "
          + "failed after %.0f s: %s | - | - |%n", processEvents, process.seconds(), process.failure());
    } else {
      System.out.printf("| events/s, the packaged engine in its own JVM (launcher's flags: -Xmx256m, SerialGC), "
          + "%,d events, its %.0f s start-up included | %,.0f | %,.0f | %.0f%% |%n", processEvents,
          process.startSeconds(), processEvents / process.seconds(), events / count.seconds(),
          100 * (processEvents / process.seconds()) / (events / count.seconds()));
    }
    System.out.printf("| CPU per event of that engine process (all its threads, start-up included), µs | %.1f | - | - |%n",
        1e6 * process.cpuSeconds() / processEvents);
    System.out.printf("| CPU per event of that engine's stream thread alone, µs | %.1f | - | - |%n",
        1e6 * process.streamThreadCpuSeconds() / processEvents);
    System.out.printf("| RSS of that engine process under this load, peak / at the end, MB | %d / %d | - | - |%n",
        process.peakRssKb() / 1024, process.endRssKb() / 1024);
    System.out.printf("%nevents: %,d; engine %s, pass-through %s, count %s; commit.interval.ms %s, cache %s bytes; "
        + "CPU per event (whole JVM): engine %.1f µs, count %.1f µs%n", events, ours, passThrough, count,
        streams.get("commit.interval.ms"), streams.get("statestore.cache.max.bytes"), 1e6 * ours.cpuSeconds() / events,
        1e6 * count.cpuSeconds() / events);
  }
}
