package io.upsell.deploy.demo;

import io.upsell.deploy.launcher.ChildProcess;
import io.upsell.deploy.launcher.Services;
import io.upsell.deploy.launcher.StackHome;
import io.upsell.deploy.launcher.StackPorts;
import io.upsell.deploy.mail.MailServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts the demo pages (and with --demo the traffic simulator) as their own JVM beside the services. */
public final class DemoSite {

  public static final String ROLE = "demo";

  private DemoSite() {}

  public static void start(StackHome home, StackPorts ports, boolean traffic) {
    List<String> main = new ArrayList<>(List.of("io.upsell.deploy.demo.DemoServer",
        "--port", Integer.toString(ports.of(ROLE)),
        "--ingest", Services.baseUrl(ports, "order-ingest"),
        "--notifier", Services.baseUrl(ports, "notifier"),
        "--engine", Services.baseUrl(ports, "trigger-engine"),
        "--analytics", Services.baseUrl(ports, "analytics"),
        "--mail-api", MailServer.apiUrl(ports),
        "--credentials", home.demoShopEnv().toString()));
    if (traffic) {
      main.add("--traffic");
    }
    ChildProcess.start(home, ROLE, List.of("-Xmx128m", "-XX:+UseSerialGC", "-cp", ChildProcess.classPath()), main,
        Map.of());
  }

  public static String url(StackPorts ports) {
    return "http://127.0.0.1:" + ports.of(ROLE);
  }
}
