package io.upsell.platform.health;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.smallrye.health.api.HealthRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.Liveness;
import org.jboss.logging.Logger;

/**
 * Gives every worker its own liveness check, named after it, and stops the service a grace period after a worker
 * died, so a supervisor restarts it instead of it answering UP with its work stopped.
 */
@Startup(1) // before the beans that start workers
@ApplicationScoped
public class WorkerChecks {

  private static final Logger LOG = Logger.getLogger(WorkerChecks.class);

  public WorkerChecks(@Liveness HealthRegistry liveness, HealthSettings settings) {
    ServiceExit.installDefaultHandler();
    Workers.watch(
        worker -> liveness.register(worker.name(), new WorkerLiveness(worker, settings.stallAfter())),
        worker -> stop(settings, worker.name() + " died: " + worker.failure()));
  }

  // Tests run services inside the test JVM, beside plain tests whose workers fail on purpose: exiting there would end
  // the test run. Process-level tests (the launcher's) see the exit.
  private static void stop(HealthSettings settings, String reason) {
    if (LaunchMode.current() == LaunchMode.TEST) {
      LOG.warnf("in a test JVM, not exiting: %s", reason);
    } else {
      ServiceExit.exitAfter(settings.exitAfterFailure(), reason);
    }
  }
}
