package io.upsell.deploy.mail;

import io.upsell.deploy.launcher.ChildProcess;
import io.upsell.deploy.launcher.StackHome;
import io.upsell.deploy.launcher.StackPorts;
import java.util.List;
import java.util.Map;

/**
 * The local SMTP server: GreenMail standalone from Maven Central, accepting mail for any address and keeping it
 * in memory, with a REST API the mail viewer and {@code ./upsell mail} read.
 */
public final class MailServer {

  public static final String ROLE = "smtp";

  private MailServer() {}

  public static void start(StackHome home, StackPorts ports) {
    String jar = home.artifact("deploy/target/greenmail-standalone.jar").toString();
    ChildProcess.start(home, ROLE, List.of(
            "-Xmx128m", "-XX:+UseSerialGC",
            "-Dgreenmail.smtp.hostname=127.0.0.1",
            "-Dgreenmail.smtp.port=" + ports.of("smtp"),
            "-Dgreenmail.auth.disabled",
            "-Dgreenmail.api.hostname=127.0.0.1",
            "-Dgreenmail.api.port=" + ports.of("mail-api")),
        List.of("-jar", jar), Map.of());
  }

  public static String apiUrl(StackPorts ports) {
    return "http://127.0.0.1:" + ports.of("mail-api");
  }

  public static String readinessUrl(StackPorts ports) {
    return apiUrl(ports) + "/api/service/readiness";
  }
}
