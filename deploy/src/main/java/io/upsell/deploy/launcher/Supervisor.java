package io.upsell.deploy.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Restarts a service of the local stack that exited (crashed, halted on an Error, or stopped itself because its work
 * stopped), as compose and k8s do for theirs. Runs as a process of its own so it outlives {@code ./upsell start}.
 * The delay before a restart doubles from 1 s with each exit, up to 60 s; a service that then stays up 5 minutes
 * starts again from 1 s. A service that keeps dying is restarted every 60 s for as long as the stack runs, and
 * {@code ./upsell status} shows its restart count climbing; its log says why it died.
 */
final class Supervisor {

  static final String ROLE = "supervisor";
  private static final Duration FIRST_DELAY = Duration.ofSeconds(1);
  private static final Duration MAX_DELAY = Duration.ofSeconds(60);
  private static final Duration STABLE = Duration.ofMinutes(5);

  /** When a service was last (re)started, and the delay before its next restart. */
  private record Backoff(long startedNanos, Duration delay) {}

  private final StackHome home;
  private final StackPorts ports;
  private final Restarts restarts;
  private final Map<String, Backoff> backoff = new HashMap<>();

  private Supervisor(StackHome home) {
    this.home = home;
    this.ports = StackPorts.load(home.run().resolve("ports.properties"));
    this.restarts = new Restarts(home);
  }

  /** Starts the supervisor of {@code home}'s services in the background. */
  static void start(StackHome home) {
    new Restarts(home).reset();
    List<String> jvm = new java.util.ArrayList<>(List.of("-Xmx64m", "-XX:+UseSerialGC"));
    jvm.addAll(Services.testFaultSwitch());
    jvm.addAll(List.of("-cp", ChildProcess.classPath()));
    ChildProcess.start(home, ROLE, jvm,
        List.of(Supervisor.class.getName(), home.repo().toString(), home.dir().toString()), Map.of());
  }

  public static void main(String[] args) throws InterruptedException {
    new Supervisor(new StackHome(Path.of(args[0]), Path.of(args[1]))).watch();
  }

  private void watch() throws InterruptedException {
    Services.ALL.forEach(service -> backoff.put(service, new Backoff(System.nanoTime(), FIRST_DELAY)));
    while (true) {
      for (String service : Services.ALL) {
        if (ChildProcess.running(home, service).isEmpty()) {
          restart(service);
        }
      }
      Thread.sleep(1000);
    }
  }

  private void restart(String service) throws InterruptedException {
    Backoff last = backoff.get(service);
    boolean stable = System.nanoTime() - last.startedNanos() > STABLE.toNanos();
    Duration delay = stable ? FIRST_DELAY : last.delay();
    System.err.printf("%s exited; restarting it in %d s%n", service, delay.toSeconds());
    Thread.sleep(delay.toMillis());
    if (ChildProcess.running(home, service).isPresent()) {
      return; // someone else started it meanwhile (./upsell, a test)
    }
    Services.start(home, ports, service);
    restarts.increment(service);
    Duration next = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
    backoff.put(service, new Backoff(System.nanoTime(), next));
  }
}
