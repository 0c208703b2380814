package io.upsell.platform.health.streams;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Not ready until the Kafka Streams client has been RUNNING once. Before that it holds no partitions, so a launcher
 * or a load balancer that waits for readiness would take a service still joining its group for a working one (the
 * restoration check alone is UP in the moment before partitions are assigned). A later rebalance does not make it
 * unready: it still answers what it holds.
 */
final class StreamsStarted implements HealthCheck {

  static final String NAME = "kafka-streams started";

  private final KafkaStreamsLiveness streams;

  StreamsStarted(KafkaStreamsLiveness streams) {
    this.streams = streams;
  }

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named(NAME).withData("state", streams.state().name());
    return streams.hasRun() ? response.up().build() : response.down().build();
  }
}
