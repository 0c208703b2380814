package io.upsell.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Limits and Kafka timing of the ingest APIs; each key is described in application.properties. */
@ConfigMapping(prefix = "upsell.ingest")
public interface IngestConfig {

  @WithDefault("1000")
  int maxBatchEvents();

  @WithDefault("5242880")
  int maxBodyBytes();

  RateLimit rateLimit();

  Kafka kafka();

  @WithDefault("P7D")
  Duration dedupeWindow();

  /** Per-shop token bucket, counted in events. */
  interface RateLimit {
    @WithDefault("20000")
    int eventsPerSecond();

    @WithDefault("40000")
    int burst();
  }

  /** Producer bounds: how long a request may wait for Kafka before it gets 503. */
  interface Kafka {
    /** Unique per instance; default: a random id per start. */
    Optional<String> transactionalId();

    @WithDefault("PT2S")
    Duration maxBlock();

    @WithDefault("PT3S")
    Duration deliveryTimeout();

    @WithDefault("PT5S")
    Duration requestTimeout();

    @WithDefault("PT1S")
    Duration retryAfter();

    @WithDefault("20000")
    int queueCapacity();

    @WithDefault("20000")
    int maxGroupRecords();

    @WithDefault("2")
    int transactions();

    @WithDefault("PT0.003S")
    Duration restAfterCommit();
  }
}
