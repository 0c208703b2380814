package io.upsell.deploy.launcher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The four services as the launcher runs them: one JVM each, from its Quarkus build, with its config as env. */
public final class Services {

  public static final List<String> ALL = List.of("order-ingest", "trigger-engine", "notifier", "analytics");

  /** The stack secret (see {@link StackHome#secret}) the engine derives coupon codes from. */
  static final String ENGINE_COUPON_SECRET = "engine-coupon";

  private Services() {}

  /** The launcher's fault tests set this system property; it is never set by {@code ./upsell}. */
  private static final String TEST_FAULTS = "upsell.test.faults";

  static void start(StackHome home, StackPorts ports, String service) {
    startInstance(home, ports, service, service, ports.of(service));
  }

  /**
   * Starts one more instance of {@code service} beside the stack's own, as a cluster scales it: the same settings,
   * but its own process name ({@code role}), HTTP port and state directory.
   */
  static void startInstance(StackHome home, StackPorts ports, String service, String role, int port) {
    String jar = home.artifact(service + "/target/quarkus-app/quarkus-run.jar").toString();
    List<String> jvm = new java.util.ArrayList<>(jvmOptions(service));
    if (Boolean.getBoolean(TEST_FAULTS)) {
      jvm.add("-Dupsell.test.fault-file=" + faultFile(home, service));
      jvm.add("-Dkafka-streams.main.consumer.interceptor.classes=io.upsell.platform.health.InjectedFaultInterceptor");
    }
    Map<String, String> env = env(home, ports, service);
    env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    env.put("KAFKA_STREAMS_STATE_DIR", home.state(role).toString());
    ChildProcess.start(home, role, jvm, List.of("-jar", jar), env);
  }

  /**
   * The JVM options {@code service} runs with; the benchmarks start the packaged services with these too. The
   * notifier's heap is smaller: its live heap stays under 100 MB (its state is in RocksDB, off the heap), while a
   * larger limit only let the collector grow the heap, and the RSS with it, while it built its stores.
   */
  public static List<String> jvmOptions(String service) {
    String heap = service.equals("notifier") ? "-Xmx160m" : "-Xmx256m";
    return List.of("-Xms64m", heap, "-XX:+UseSerialGC", "-XX:MaxMetaspaceSize=160m", "-Xss512k");
  }

  /** Where a fault test asks {@code service} for a fault (see the platform's InjectedFault). */
  static java.nio.file.Path faultFile(StackHome home, String service) {
    return home.run().resolve(service + ".fault");
  }

  /** Hands the fault tests' switch on to the supervisor, which starts services again. */
  static List<String> testFaultSwitch() {
    return Boolean.getBoolean(TEST_FAULTS) ? List.of("-D" + TEST_FAULTS + "=true") : List.of();
  }

  public static String baseUrl(StackPorts ports, String service) {
    return "http://127.0.0.1:" + ports.of(service);
  }

  static String healthUrl(StackPorts ports, String service) {
    return baseUrl(ports, service) + "/q/health/ready";
  }

  /** Settings a service reads from its environment, pointing it at this stack (the engine's coupon key too). */
  public static Map<String, String> env(StackHome home, StackPorts ports, String service) {
    String kafka = KafkaNode.bootstrap(ports);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("QUARKUS_HTTP_PORT", Integer.toString(ports.of(service)));
    env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
    env.put("QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS", kafka);
    env.put("KAFKA_STREAMS_STATE_DIR", home.state(service).toString());
    env.put("UPSELL_SHOPS_FILE", home.shopsFile().toString());
    env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
    env.put("QUARKUS_MAILER_PORT", Integer.toString(ports.of("smtp")));
    env.put("QUARKUS_MAILER_MOCK", "false");
    // The local SMTP server speaks plain SMTP; a real relay would use STARTTLS (REQUIRED) instead.
    env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
    env.put("NOTIFIER_TOKEN_SECRET", home.secret("notifier-token"));
    env.put("NOTIFIER_PUBLIC_BASE_URL", baseUrl(ports, "notifier"));
    // Lets one analytics instance read another's partitions for a scheduled digest (no caller key there).
    env.put("ANALYTICS_PEER_SECRET", home.secret("analytics-peer"));
    // Where the dashboard's system panel reads each service's health and lag: the ports this stack really uses.
    env.put("ANALYTICS_SYSTEM_SERVICES", String.join(",", ALL.stream().map(s -> s + "=" + baseUrl(ports, s)).toList()));
    if (service.equals("notifier")) {
      // The address other notifier instances reach this one at for the inboxes of its partitions.
      env.put("NOTIFIER_ADVERTISED_HOST", "127.0.0.1");
    }
    if (service.equals("trigger-engine")) {
      // Only the engine issues codes; with this key anyone could compute them, so no other service gets it.
      env.put("UPSELL_ENGINE_COUPON_SECRET", home.secret(ENGINE_COUPON_SECRET));
      // A backtest prices its sends by the shop's lift, which this stack's analytics measures.
      env.put("UPSELL_BACKTEST_ANALYTICS_URL", baseUrl(ports, "analytics"));
    }
    return env;
  }
}
