package io.upsell.deploy.launcher;

import io.upsell.deploy.demo.DemoCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real local stack for end-to-end and fault tests, started exactly as {@code ./upsell start} starts it, but
 * with its state in a temp dir and every port chosen free, so it runs beside a developer's own stack.
 */
final class TestStack {

  private static Path repo() {
    return Path.of(System.getProperty("upsell.repo", "..")).toAbsolutePath().normalize();
  }

  final StackHome home;
  final Stack stack;
  StackPorts ports;

  private TestStack(StackHome home) {
    this.home = home;
    this.stack = new Stack(home, System.out);
  }

  /** A stack with its own fresh state dir, not started yet. */
  static TestStack create() {
    try {
      return new TestStack(new StackHome(repo(), Files.createTempDirectory("upsell-stack")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the stack; whatever it started is stopped at JVM exit even when the start fails half-way. */
  TestStack start() throws InterruptedException {
    Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "test-stack-stop"));
    try {
      ports = stack.start(FreeStackPorts.draw(), false);
    } catch (RuntimeException | InterruptedException e) {
      printLogTails();
      stack.stop();
      throw e;
    }
    return this;
  }

  /** A failed start in CI leaves only this output behind, so it carries the end of every part's log. */
  private void printLogTails() {
    for (String role : Stack.roles()) {
      Path log = home.log(role);
      try {
        java.util.List<String> lines = Files.exists(log) ? Files.readAllLines(log) : java.util.List.of();
        System.err.println("---- last lines of " + role + " log ----");
        lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.err::println);
      } catch (IOException | UncheckedIOException e) {
        System.err.println("---- " + role + " log unreadable: " + e);
      }
    }
  }

  String url(String service) {
    return Services.baseUrl(ports, service);
  }

  String apiKey() {
    return DemoCredentials.apiKey(home.demoShopEnv());
  }
}
