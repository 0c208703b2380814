package io.upsell.platform.health.streams;

import io.smallrye.health.api.HealthRegistry;
import io.upsell.platform.health.HealthSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The Kafka Streams client is live while it is RUNNING or REBALANCING; in any other state for longer than the
 * stall bound (stuck starting, shutting down, or in ERROR after a stream thread died) it is DOWN, with the state and
 * the failure that put it there. Quarkus hands this listener to the client it builds.
 */
@ApplicationScoped
public class KafkaStreamsLiveness implements HealthCheck, KafkaStreams.StateListener {

  private final Duration stallAfter;
  private final LongSupplier nanoClock;
  private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;
  private volatile long sinceNanos;
  private volatile String failure;
  private volatile boolean hasRun;

  // Registered rather than annotated @Liveness: that qualifier would hide the listener from Quarkus's @Default lookup.
  @Inject
  public KafkaStreamsLiveness(HealthSettings settings, @Liveness HealthRegistry liveness,
      @Readiness HealthRegistry readiness) {
    this(settings.stallAfter(), System::nanoTime);
    liveness.register("kafka-streams", this);
    readiness.register(StreamsStarted.NAME, new StreamsStarted(this));
  }

  KafkaStreamsLiveness(Duration stallAfter, LongSupplier nanoClock) {
    this.stallAfter = stallAfter;
    this.nanoClock = nanoClock;
    this.sinceNanos = nanoClock.getAsLong();
  }

  @Override
  public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
    state = newState;
    hasRun |= newState == KafkaStreams.State.RUNNING;
    sinceNanos = nanoClock.getAsLong();
  }

  /** Whether the client has been RUNNING at least once: it held its partitions with their state loaded. */
  boolean hasRun() {
    return hasRun;
  }

  KafkaStreams.State state() {
    return state;
  }

  /** A stream thread died of {@code reason}; kept so the check can say why the client stopped. */
  void failed(String reason) {
    failure = reason;
  }

  @Override
  public HealthCheckResponse call() {
    long seconds = Duration.ofNanos(nanoClock.getAsLong() - sinceNanos).toSeconds();
    var response = HealthCheckResponse.named("kafka-streams").withData("state", state.name())
        .withData("seconds in state", seconds);
    if (failure != null) {
      response.withData("reason", "stream thread died: " + failure);
    }
    boolean working = state.isRunningOrRebalancing();
    if (failure != null || (!working && seconds > stallAfter.toSeconds())) {
      return response.down().build();
    }
    return response.up().build();
  }
}
