package io.upsell.platform.health;

import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** A worker is live while its thread runs and, when records wait for it, it made progress within the bound. */
final class WorkerLiveness implements HealthCheck {

  private final Worker worker;
  private final Duration stallAfter;

  WorkerLiveness(Worker worker, Duration stallAfter) {
    this.worker = worker;
    this.stallAfter = stallAfter;
  }

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named(worker.name()).withData("lag", worker.lag());
    String failure = worker.failure();
    if (failure != null) {
      return response.down().withData("reason", "died: " + failure).build();
    }
    if (!worker.alive()) {
      return response.down().withData("reason", "ended").build();
    }
    long idleSeconds = Duration.ofNanos(worker.nanosSinceProgress()).toSeconds();
    if (worker.lag() > 0 && idleSeconds > stallAfter.toSeconds()) {
      return response.down().withData("reason", "no progress for " + idleSeconds + " s with " + worker.lag()
          + " records waiting").build();
    }
    return response.up().build();
  }
}
