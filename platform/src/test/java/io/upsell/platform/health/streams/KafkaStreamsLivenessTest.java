package io.upsell.platform.health.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KafkaStreams.State;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class KafkaStreamsLivenessTest {

  private final AtomicLong nanos = new AtomicLong();
  private final KafkaStreamsLiveness liveness = new KafkaStreamsLiveness(Duration.ofSeconds(60), nanos::get);

  @Test
  void isUpWhileRunningOrRebalancingHoweverLong() {
    liveness.onChange(State.REBALANCING, State.CREATED);
    nanos.addAndGet(Duration.ofHours(1).toNanos());
    assertThat(liveness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);

    liveness.onChange(State.RUNNING, State.REBALANCING);
    nanos.addAndGet(Duration.ofHours(1).toNanos());
    assertThat(liveness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
  }

  @Test
  void isDownWithTheStateOnceOutOfRunningForLongerThanTheBound() {
    liveness.onChange(State.PENDING_SHUTDOWN, State.RUNNING);
    nanos.addAndGet(Duration.ofSeconds(59).toNanos());
    assertThat(liveness.call().getStatus()).as("within the bound").isEqualTo(HealthCheckResponse.Status.UP);

    nanos.addAndGet(Duration.ofSeconds(2).toNanos());

    HealthCheckResponse response = liveness.call();
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(response.getData().orElseThrow()).containsEntry("state", "PENDING_SHUTDOWN");
  }

  @Test
  void isDownAtOnceWithTheReasonWhenAStreamThreadDied() {
    liveness.onChange(State.RUNNING, State.REBALANCING);

    liveness.failed("java.lang.IllegalStateException: bad timer");

    HealthCheckResponse response = liveness.call();
    assertThat(response.getName()).isEqualTo("kafka-streams");
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(response.getData().orElseThrow())
        .containsEntry("reason", "stream thread died: java.lang.IllegalStateException: bad timer");
  }
}
