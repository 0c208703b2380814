package io.upsell.platform.health;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/** How long a stalled or failed part may go on before the service says so, and before it stops. */
@ConfigMapping(prefix = "upsell.health")
public interface HealthSettings {

  /**
   * A worker with records waiting that has not made progress for this long, or a Kafka Streams client outside
   * RUNNING/REBALANCING for this long, is reported DOWN. Longer than one slow batch (SMTP retries), shorter than
   * a customer would notice.
   */
  @WithDefault("PT2M")
  @DurationMin(seconds = 5)
  @DurationMax(minutes = 30)
  Duration stallAfter();

  /**
   * After a worker failed with an exception, the service reports DOWN with the reason for this long, then exits so
   * its supervisor (launcher, compose, k8s) restarts it. An Error exits at once.
   */
  @WithDefault("PT5S")
  @DurationMin(seconds = 0)
  @DurationMax(minutes = 5)
  Duration exitAfterFailure();
}
