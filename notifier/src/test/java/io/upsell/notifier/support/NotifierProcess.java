package io.upsell.notifier.support;

import io.upsell.testkit.ServiceProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged notifier ({@code target/quarkus-app/quarkus-run.jar}) as a separate process, started the way the
 * launcher starts it (env vars), so a test can kill it for real with SIGKILL and the benchmark can measure its RSS.
 */
public final class NotifierProcess implements AutoCloseable {

  private final ServiceProcess process;

  private NotifierProcess(ServiceProcess process) {
    this.process = process;
  }

  /** Starts the jar and waits until it reports ready. */
  public static NotifierProcess start(String bootstrap, Path shopsFile, int smtpPort, Map<String, String> props,
      Path log) throws IOException, InterruptedException {
    int port = ServiceProcess.freePort();
    List<String> options = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC"));
    // Extra JVM flags for a profiling run, e.g. -Dnotifier.process.jvm-args=-XX:StartFlightRecording=...
    String extra = System.getProperty("notifier.process.jvm-args", "").strip();
    if (!extra.isEmpty()) {
      options.addAll(List.of(extra.split("\\s+")));
    }
    props.forEach((k, v) -> options.add("-D" + k + "=" + v));
    Map<String, String> env = Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
        "UPSELL_SHOPS_FILE", shopsFile.toString(),
        "QUARKUS_MAILER_HOST", "127.0.0.1",
        "QUARKUS_MAILER_PORT", Integer.toString(smtpPort),
        "QUARKUS_MAILER_START_TLS", "DISABLED",
        "NOTIFIER_TOKEN_SECRET", "process-test-secret",
        "NOTIFIER_PUBLIC_BASE_URL", "http://127.0.0.1:" + port);
    return new NotifierProcess(ServiceProcess.start(ServiceProcess.jar("notifier"), options, env, port, log,
        Duration.ofSeconds(180)));
  }

  public int port() {
    return process.port();
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hooks, no flush, no offset commit. */
  public void kill() throws InterruptedException {
    process.kill();
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
