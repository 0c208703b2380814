package io.upsell.analytics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the analytics service; each key is described in application.properties. */
@ConfigMapping(prefix = "analytics")
public interface AnalyticsConfig {

  @WithDefault("P5D")
  Duration clickWindow();

  @WithDefault("P1D")
  Duration viewWindow();

  @WithDefault("P7D")
  Duration liftWindow();

  @WithDefault("PT2H")
  Duration sessionWindow();

  @WithDefault("P1D")
  Duration cartWindow();

  @WithDefault("false")
  boolean persistentCustomerStore();

  @WithDefault("3")
  int queryAttempts();

  @WithDefault("2")
  int retryAfterSeconds();

  /** Shared by all instances: lets one read another's partitions for its own digests (no caller key there). */
  Optional<String> peerSecret();

  Reports reports();

  /** Scheduled KPI digests. */
  interface Reports {
    @WithDefault("true")
    boolean enabled();

    @WithDefault("PT1M")
    Duration checkEvery();

    @WithDefault("4")
    int buildThreads();
  }
}
