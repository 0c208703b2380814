package io.upsell.platform.health;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * A thread that does a service's work (a consumer loop, a table reader, a publisher lane), with the facts its health
 * is judged by: whether it still runs, why it died, when it last made progress and how many records wait for it.
 * Its owner reports progress from the loop; {@link WorkerLiveness} judges.
 */
public final class Worker {

  private static final Logger LOG = Logger.getLogger(Worker.class);

  private final String name;
  private final Consumer<Worker> body;
  private final LongSupplier nanoClock;
  private final Map<String, Counter> processed = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile long lastProgressNanos;
  private volatile long lag;
  private volatile long oldestPendingMillis;
  private volatile String failure;

  Worker(String name, Consumer<Worker> body, LongSupplier nanoClock) {
    this.name = name;
    this.body = body;
    this.nanoClock = nanoClock;
    this.lastProgressNanos = nanoClock.getAsLong();
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    Gauge.builder("upsell.worker.lag", this, w -> w.lag).tag("worker", name)
        .description("Records waiting for this worker at its last poll").register(Metrics.globalRegistry);
    Gauge.builder("upsell.worker.oldest.pending.seconds", this, Worker::oldestPendingSeconds).tag("worker", name)
        .description("Age of the oldest record this worker took and has not finished").register(Metrics.globalRegistry);
  }

  public String name() {
    return name;
  }

  /** Called from the loop after each poll: the worker is alive and {@code waiting} records are behind it. */
  public void progressed(long waiting) {
    lastProgressNanos = nanoClock.getAsLong();
    lag = Math.max(0, waiting);
  }

  /** {@code count} records of {@code topic} were handled to the end. */
  public void processed(String topic, int count) {
    processed.computeIfAbsent(topic, t -> Counter.builder("upsell.records.processed").tag("topic", t)
        .tag("worker", name).register(Metrics.globalRegistry)).increment(count);
  }

  /** The worker holds records since {@code timestampMillis} (0: none) that have no outcome yet. */
  public void pendingSince(long timestampMillis) {
    oldestPendingMillis = timestampMillis;
  }

  long lag() {
    return lag;
  }

  long nanosSinceProgress() {
    return nanoClock.getAsLong() - lastProgressNanos;
  }

  boolean alive() {
    return thread.isAlive();
  }

  /** Why the worker died, or null while it has not. */
  String failure() {
    return failure;
  }

  private double oldestPendingSeconds() {
    long since = oldestPendingMillis;
    return since == 0 ? 0 : Math.max(0, System.currentTimeMillis() - since) / 1000.0;
  }

  Worker start() {
    thread.start();
    return this;
  }

  /** Waits for the thread to end after its owner asked its loop to stop. */
  public void join(long millis) throws InterruptedException {
    thread.join(millis);
  }

  private void run() {
    try {
      body.accept(this);
    } catch (Throwable e) {
      failure = e.getClass().getName() + ": " + e.getMessage();
      ServiceExit.haltOnError(name, e);
      LOG.errorf(e, "worker %s died", name);
      Workers.failed(this);
    }
  }
}
