package io.upsell.testkit;

import java.util.logging.Level;
import org.jboss.logmanager.LogContext;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Plain JVMs (surefire's fork, the bench mains) log at the service's levels: JBoss LogManager 3 reads no
 * logging.properties there and its root level is ALL, so Kafka's per-record TRACE lines (an Avro toString of every
 * record) were built and thrown away, costing more than the engine's own work. The service logs INFO, Kafka WARN.
 * Registered as a JUnit launcher session listener for every module that tests with the kit, and called first by
 * every benchmark main; Quarkus tests set their own levels when they boot.
 */
public final class ServiceLogLevels implements LauncherSessionListener {

  public static void apply() {
    LogContext logs = LogContext.getLogContext();
    logs.getLogger("").setLevel(Level.INFO);
    for (String chatty : new String[] {"org.apache.kafka", "kafka", "state.change.logger", "org.apache.zookeeper"}) {
      logs.getLogger(chatty).setLevel(Level.WARNING);
    }
  }

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    apply();
  }
}
