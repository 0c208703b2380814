package io.upsell.platform.health;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every {@link Worker} of this JVM. Static because workers are also started outside CDI (table readers built by
 * hand); {@link WorkerChecks} subscribes first thing at start-up.
 */
public final class Workers {

  private static final List<Worker> STARTED = new CopyOnWriteArrayList<>();
  private static final List<Consumer<Worker>> ON_START = new CopyOnWriteArrayList<>();
  private static final List<Consumer<Worker>> ON_FAILURE = new CopyOnWriteArrayList<>();

  private Workers() {}

  /** Starts {@code body} on a thread named {@code name}; an exception or Error escaping it marks the worker dead. */
  public static Worker start(String name, Consumer<Worker> body) {
    Worker worker = new Worker(name, body, System::nanoTime);
    STARTED.add(worker);
    ON_START.forEach(listener -> listener.accept(worker));
    return worker.start();
  }

  /** Tells {@code started} of every running and later worker, {@code failed} of every later failure. */
  static synchronized void watch(Consumer<Worker> started, Consumer<Worker> failed) {
    STARTED.removeIf(worker -> !worker.alive());
    STARTED.forEach(started);
    ON_START.add(started);
    ON_FAILURE.add(failed);
  }

  static void failed(Worker worker) {
    ON_FAILURE.forEach(listener -> listener.accept(worker));
  }
}
