package io.upsell.deploy;

import java.util.List;
import java.util.Map;

/**
 * The local SMTP server: GreenMail standalone from Maven Central, accepting mail for any address and keeping it
 * in memory, with a REST API the mail viewer and {@code ./upsell mail} read.
 */
final class MailServer {

  static final String ROLE = "smtp";

  private MailServer() {}

  static void start(StackHome home, StackPorts ports) {
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

  static String apiUrl(StackPorts ports) {
    return "http://127.0.0.1:" + ports.of("mail-api");
  }

  static String readinessUrl(StackPorts ports) {
    return apiUrl(ports) + "/api/service/readiness";
  }
}
