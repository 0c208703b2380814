package io.upsell.deploy;

import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole local product: Kafka, the SMTP server, the four services (and with {@code --demo} the traffic
 * simulator and demo pages), started in dependency order, each waited for until healthy, stopped in reverse.
 */
public final class Stack {

  private static final Duration SERVICE_START = Duration.ofMinutes(4);

  private final StackHome home;
  private final PrintStream out;

  public Stack(StackHome home, PrintStream out) {
    this.home = home;
    this.out = out;
  }

  /** Every role in start order. */
  static List<String> roles() {
    List<String> roles = new ArrayList<>(List.of(KafkaNode.ROLE, MailServer.ROLE));
    roles.addAll(Services.ALL);
    roles.add(DemoSite.ROLE);
    roles.add(Supervisor.ROLE); // last: stopped first, so it restarts nothing that stop stops
    return roles;
  }

  /** Starts what is not running; returns the ports the stack runs on. */
  public StackPorts start(StackPorts requested, boolean demo) throws InterruptedException {
    if (isRunning()) {
      out.println("The stack is already running; stop it first with ./upsell stop.");
      return ports();
    }
    requested.firstTaken().ifPresent(message -> {
      throw new IllegalStateException(message);
    });
    requested.save(home.run().resolve("ports.properties"));
    if (DemoShop.ensure(home)) {
      out.println("Created the demo shop 'demo'; its API key and webhook secret are in " + home.demoShopEnv());
    }
    DemoStorefront.write(home, DemoSite.url(requested));
    long started = System.nanoTime();
    step("Kafka (KRaft, one node) on " + KafkaNode.bootstrap(requested), () -> KafkaNode.start(home, requested));
    step("SMTP server on 127.0.0.1:" + requested.of("smtp"), () -> {
      MailServer.start(home, requested);
      awaitHealthy(MailServer.ROLE, MailServer.readinessUrl(requested));
    });
    step("services " + String.join(", ", Services.ALL), () -> {
      Services.ALL.forEach(service -> Services.start(home, requested, service));
      for (String service : Services.ALL) {
        awaitHealthy(service, Services.healthUrl(requested, service));
      }
      Supervisor.start(home);
    });
    step("demo pages" + (demo ? " and traffic simulator" : "") + " on http://127.0.0.1:" + requested.of("demo"),
        () -> {
          DemoSite.start(home, requested, demo);
          awaitHealthy(DemoSite.ROLE, DemoSite.url(requested) + "/health");
        });
    out.printf("%nUpsell Triggers is up in %d s.%n", (System.nanoTime() - started) / 1_000_000_000);
    return requested;
  }

  /** Stops everything the stack started, services first; returns the roles that were running. */
  public List<String> stop() {
    List<String> stopped = new ArrayList<>();
    List<String> reverse = new ArrayList<>(roles());
    java.util.Collections.reverse(reverse);
    for (String role : reverse) {
      if (ChildProcess.stop(home, role, Duration.ofSeconds(role.equals(KafkaNode.ROLE) ? 30 : 15))) {
        stopped.add(role);
      }
    }
    return stopped;
  }

  /** Each role's state: running and healthy, running but not healthy, or stopped. */
  public Map<String, String> status() {
    Map<String, String> status = new LinkedHashMap<>();
    if (!Files.exists(home.run().resolve("ports.properties"))) {
      roles().forEach(role -> status.put(role, "stopped"));
      return status;
    }
    StackPorts ports = ports();
    for (String role : roles()) {
      boolean alive = ChildProcess.running(home, role).isPresent();
      status.put(role, !alive ? "stopped" : healthy(role, ports) ? "healthy" : "running, not healthy");
    }
    return status;
  }

  /** How often the supervisor restarted each service since the stack started. */
  public Map<String, Integer> restarts() {
    Restarts restarts = new Restarts(home);
    Map<String, Integer> counts = new LinkedHashMap<>();
    Services.ALL.forEach(service -> counts.put(service, restarts.of(service)));
    return counts;
  }

  public StackPorts ports() {
    return StackPorts.load(home.run().resolve("ports.properties"));
  }

  public boolean isRunning() {
    return roles().stream().anyMatch(role -> ChildProcess.running(home, role).isPresent());
  }

  private boolean healthy(String role, StackPorts ports) {
    return switch (role) {
      case KafkaNode.ROLE -> KafkaProbe.reachable(KafkaNode.bootstrap(ports));
      case MailServer.ROLE -> Health.ok(MailServer.readinessUrl(ports));
      case DemoSite.ROLE -> Health.ok(DemoSite.url(ports) + "/health");
      case Supervisor.ROLE -> true; // alive is all it can be
      default -> Health.ok(Services.healthUrl(ports, role));
    };
  }

  private void awaitHealthy(String role, String url) throws InterruptedException {
    boolean healthy = Health.await(url, SERVICE_START, () -> ChildProcess.running(home, role).isPresent());
    if (!healthy) {
      throw new IllegalStateException(role + " did not become healthy at " + url + "; see " + home.log(role));
    }
  }

  private void step(String what, Step step) throws InterruptedException {
    long started = System.nanoTime();
    out.print("Starting " + what + " ... ");
    out.flush();
    step.run();
    out.printf("ok (%.1f s)%n", (System.nanoTime() - started) / 1e9);
  }

  @FunctionalInterface
  private interface Step {
    void run() throws InterruptedException;
  }
}
