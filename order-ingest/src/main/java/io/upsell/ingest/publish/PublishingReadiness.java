package io.upsell.ingest.publish;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while this instance can accept events: its idempotency log is read and followed, and no lane of its
 * publisher was fenced by another instance with the same transactional id.
 */
@Readiness
@ApplicationScoped
public class PublishingReadiness implements HealthCheck {

  private final Publisher publisher;

  public PublishingReadiness(Publisher publisher) {
    this.publisher = publisher;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("order-ingest publishing").status(publisher.ready()).build();
  }
}
