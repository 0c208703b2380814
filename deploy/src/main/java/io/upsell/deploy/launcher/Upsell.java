package io.upsell.deploy.launcher;

import io.upsell.deploy.demo.DemoSite;
import io.upsell.deploy.mail.MailBox;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** {@code ./upsell}: start, stop and inspect the local stack, and the CLI tools that talk to it. */
public final class Upsell {

  private static final String USAGE = """
      usage: ./upsell <command>
        start [--demo]   start Kafka, the SMTP server, the four services and the demo pages (--demo: traffic too)
        stop             stop everything ./upsell start started
        status           what runs and is healthy, and each service's restarts (exit code 0 only when all is healthy)
          [--resources]  also each part's resident memory (now and peak) and uptime, and the stack's total
        mail [--json]    the mail the local SMTP server received
        import ...       stream past orders into the ingest API (./upsell import --help)
        backtest ...     replay stored history through the trigger engine (./upsell backtest --help)
      """;

  private Upsell() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    if (args.length == 0) {
      err.print(USAGE);
      return 2;
    }
    StackHome home = StackHome.of(Path.of(System.getProperty("upsell.repo", ".")));
    Stack stack = new Stack(home, out);
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    return switch (args[0]) {
      case "start" -> start(stack, home, Arrays.asList(rest).contains("--demo"), out, err);
      case "stop" -> stop(stack, out);
      case "status" -> status(stack, Arrays.asList(rest).contains("--resources"), out);
      case "mail" -> MailBox.print(stack.ports(), Arrays.asList(rest).contains("--json"), out);
      case "import" -> Tools.importOrders(rest);
      case "backtest" -> Tools.backtest(rest, stack);
      default -> {
        err.print(USAGE);
        yield 2;
      }
    };
  }

  private static int start(Stack stack, StackHome home, boolean demo, PrintStream out, PrintStream err)
      throws InterruptedException {
    StackPorts ports;
    try {
      ports = stack.start(StackPorts.fromEnv(System::getenv), demo);
    } catch (IllegalStateException | IllegalArgumentException e) {
      err.println("Cannot start: " + e.getMessage());
      if (stack.isRunning()) {
        err.println("Stopping what was started ...");
        stack.stop();
      }
      return 1;
    }
    out.println();
    out.println("  Dashboard (analytics):  " + Services.baseUrl(ports, "analytics") + "/");
    out.println("  In-app demo (SaaS app): " + DemoSite.url(ports) + "/app");
    out.println("  Demo shop:              " + DemoSite.url(ports) + "/shop");
    out.println("  Mail viewer:            " + DemoSite.url(ports) + "/mail   (./upsell mail lists it too)");
    out.println("  Ingest API:             " + Services.baseUrl(ports, "order-ingest") + "/q/swagger-ui");
    out.println("  Demo shop credentials:  " + home.demoShopEnv());
    out.println("  Logs:                   " + home.logs());
    out.println("  Stop with ./upsell stop; check with ./upsell status.");
    return 0;
  }

  private static int stop(Stack stack, PrintStream out) {
    var stopped = stack.stop();
    out.println(stopped.isEmpty() ? "Nothing was running." : "Stopped " + String.join(", ", stopped) + ".");
    return 0;
  }

  private static int status(Stack stack, boolean resources, PrintStream out) {
    Map<String, String> status = stack.status();
    Map<String, Integer> restarts = stack.restarts();
    long totalKb = 0;
    for (var entry : status.entrySet()) {
      String role = entry.getKey();
      String line = "%-16s %-22s%s".formatted(role, entry.getValue(),
          restarts.containsKey(role) ? "restarts " + restarts.get(role) : "");
      if (resources) {
        var figures = stack.resources(role);
        totalKb += figures.map(ProcessResources::rssKb).orElse(0L);
        line = "%-50s %s".formatted(line, figures.map(ProcessResources::describe).orElse("-"));
      }
      out.println(line.stripTrailing());
    }
    if (resources) {
      out.printf("%-50s %d MB resident in total%n", "", totalKb / 1024);
    }
    return status.values().stream().allMatch("healthy"::equals) ? 0 : 1;
  }
}
