package io.upsell.bench.ingest;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.upsell.ingest.publish.Outgoing;
import io.upsell.ingest.publish.Publisher;
import io.upsell.ingest.publish.PublisherSettings;
import io.upsell.ingest.publish.SeenIds;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The transaction pipeline alone, without HTTP: single events submitted open-loop at a fixed rate to a publisher,
 * latency from each event's due time to its commit, for several lane counts and rests after a commit (see
 * {@code Lane.restAfterCommit}), each twice, interleaved. Percentiles are over the events accepted; refused ones
 * (503) are counted apart, since a fast refusal would flatter them. The broker runs in its own JVM. Arguments: rate
 * per second (default 2000), seconds per configuration (default 10).
 */
public final class PublisherBench {

  private static final int[][] CONFIGURATIONS = {{2, 0}, {2, 3}, {3, 3}, {2, 0}, {2, 3}, {3, 3}};

  private PublisherBench() {}

  public static void main(String[] args) {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    io.upsell.testkit.BenchMain.run(() -> {
      try (BrokerProcess broker = BrokerProcess.start()) {
        run(broker.bootstrapServers(), rate, seconds);
      }
    });
  }

  private static void run(String servers, int rate, int seconds) throws Exception {
    byte[] value = BenchEvents.encoded();
    SeenIds seen = new SeenIds(servers, Duration.ofDays(7)).start();
    long readBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!seen.ready()) {
      if (System.nanoTime() > readBy) {
        throw new IllegalStateException("the idempotency log was not read within 60 s");
      }
      Thread.sleep(20);
    }
    System.out.printf("%n| lanes | rest after commit ms | p50 ms | p99 ms | max ms | errors | commits | mean commit ms |"
        + "%n| --- | --- | --- | --- | --- | --- | --- | --- |%n");
    for (int[] configuration : CONFIGURATIONS) {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      try (Publisher publisher = new Publisher(new PublisherSettings(servers, "bench-" + UUID.randomUUID(),
          Duration.ofSeconds(2), Duration.ofSeconds(3), 20_000, 20_000, Duration.ofSeconds(1), configuration[0],
          Duration.ofMillis(configuration[1]), Duration.ofSeconds(5)), seen, EventSerdes.singleObject(), registry)) {
        run(publisher, value, rate, 2);
        Timer commits = registry.get("upsell.ingest.publish.commit").timer();
        long before = commits.count();
        double timeBefore = commits.totalTime(TimeUnit.MILLISECONDS);
        Run measured = run(publisher, value, rate, seconds);
        List<Long> latencies = measured.latencies();
        Collections.sort(latencies);
        long count = commits.count() - before;
        System.out.printf("| %d | %d | %.1f | %.1f | %.1f | %d | %d | %.1f |%n", configuration[0], configuration[1],
            at(latencies, 0.5), at(latencies, 0.99), at(latencies, 1.0), measured.errors(), count,
            (commits.totalTime(TimeUnit.MILLISECONDS) - timeBefore) / count);
      }
    }
  }

  /** Latencies (ns from due time to answer) of the accepted events, and how many were refused. */
  private record Run(List<Long> latencies, long errors) {}

  private static Run run(Publisher publisher, byte[] value, int rate, int seconds) throws Exception {
    long interval = 1_000_000_000L / rate;
    int count = rate * seconds;
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>(count));
    AtomicLong errors = new AtomicLong();
    List<CompletableFuture<?>> pending = new ArrayList<>(count);
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      String customer = "c-" + (i % 10_000);
      Outgoing event = new Outgoing(Topics.APP_USAGE.name(), Keys.customer("shop-a", customer), value,
          System.currentTimeMillis(), UUID.randomUUID().toString());
      pending.add(publisher.submit("shop-a", List.of(event), null).handle((outcome, error) -> {
        if (error == null) {
          latencies.add(System.nanoTime() - due);
        } else {
          errors.incrementAndGet();
        }
        return null;
      }));
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    synchronized (latencies) {
      return new Run(new ArrayList<>(latencies), errors.get());
    }
  }

  private static double at(List<Long> sorted, double p) {
    return sorted.isEmpty() ? Double.NaN
        : sorted.get((int) Math.max(0, Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1))) / 1e6;
  }
}
