package io.upsell.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A packaged service ({@code <module>/target/quarkus-app/quarkus-run.jar}) as a child JVM, started the way the
 * launcher starts it (environment variables) on a free loopback port, ready once {@code /q/health/ready} says so,
 * and stopped by {@link #close()} or, failing that, by a shutdown hook when the starting JVM exits normally. A
 * parent that is SIGKILLed (or crashes) runs no hooks: its child keeps running and must be stopped by hand. Its
 * output goes to a log file whose tail is in every start failure.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final int FREE_FROM = 20_000;

  private final Process process;
  private final int port;
  private final Path log;
  private final Thread stopOnExit;

  private ServiceProcess(Process process, int port, Path log, Thread stopOnExit) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.stopOnExit = stopOnExit;
  }

  /** The module's packaged jar, from the module directory (tests) or the repository root (the bench mains). */
  public static Path jar(String module) {
    Path fromRoot = Path.of(module, "target", "quarkus-app", "quarkus-run.jar");
    Path inModule = Path.of("target", "quarkus-app", "quarkus-run.jar");
    boolean inModuleDirectory = Path.of("").toAbsolutePath().endsWith(module);
    if (Files.isRegularFile(fromRoot)) {
      return fromRoot.toAbsolutePath();
    } else if (inModuleDirectory && Files.isRegularFile(inModule)) {
      return inModule.toAbsolutePath();
    }
    throw new IllegalStateException("no " + module + " quarkus-run.jar: run ./mvnw -B -pl " + module
        + " package -DskipTests first");
  }

  /**
   * Starts {@code jar} with these JVM options and environment ({@code QUARKUS_HTTP_PORT} is set to {@code port}),
   * writing its output to {@code log}, and waits until it is ready.
   */
  public static ServiceProcess start(Path jar, List<String> jvmOptions, Map<String, String> env, int port, Path log,
      Duration readyTimeout) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> environment = new LinkedHashMap<>(env);
    environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    builder.environment().putAll(environment);
    Process process = builder.start();
    Thread stopOnExit = new Thread(process::destroyForcibly, "stop-" + jar.getFileName());
    ServiceProcess service = new ServiceProcess(process, port, log, stopOnExit);
    try {
      Runtime.getRuntime().addShutdownHook(stopOnExit);
      service.awaitReady(readyTimeout);
    } catch (Throwable e) {
      // Whatever ended the start (interrupt, an Error, a failed wait), the child must not be left running.
      service.close();
      throw e;
    }
    return service;
  }

  /**
   * A loopback port nothing listens on, drawn below the OS's ephemeral range: a port {@code bind(0)} hands out can
   * be taken a moment later as the local end of some client's outgoing connection (a Kafka client starting
   * first), and then the service meant to listen on it fails to start. (The rule of deploy's StackPorts.free().)
   */
  public static int freePort() {
    Random random = new Random();
    int below = ephemeralRangeStart();
    while (true) {
      int port = FREE_FROM + random.nextInt(below - FREE_FROM);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException e) {
        // taken: draw again
      }
    }
  }

  /** Linux publishes its ephemeral range; elsewhere 32768 is below the usual ranges (IANA's starts at 49152). */
  private static int ephemeralRangeStart() {
    try {
      String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
      int start = Integer.parseInt(range.split("\\s+")[0]);
      return start > FREE_FROM + 1_000 ? start : 32_768;
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hooks, no flush, no offset commit. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  private void awaitReady(Duration timeout) throws InterruptedException {
    // Bounded connect and answer: a child that accepts but never answers must not hold the wait past its deadline.
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
        .timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    String why = process.isAlive() ? "not ready in " + timeout : "exited with " + process.waitFor();
    throw new IllegalStateException(log.getFileName() + ": service " + why + "; last lines of " + log + ":\n"
        + tail(40));
  }

  private String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | RuntimeException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    try {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          kill();
        }
      }
    } finally {
      removeShutdownHook();
    }
  }

  private void removeShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // the JVM is already shutting down (the hook is running), or it was never registered
    }
  }
}
