package io.upsell.platform.health.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams.State;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;

class StreamsStartedTest {

  private final KafkaStreamsLiveness streams = new KafkaStreamsLiveness(Duration.ofSeconds(60), System::nanoTime);
  private final StreamsStarted started = new StreamsStarted(streams);

  @Test
  void isNotReadyWhileTheClientJoinsItsGroupForTheFirstTime() {
    streams.onChange(State.REBALANCING, State.CREATED);

    assertThat(started.call().getStatus()).isEqualTo(Status.DOWN);
    assertThat(started.call().getData().orElseThrow()).containsEntry("state", "REBALANCING");
  }

  @Test
  void staysReadyThroughALaterRebalanceOnceItHasRun() {
    streams.onChange(State.REBALANCING, State.CREATED);
    streams.onChange(State.RUNNING, State.REBALANCING);
    assertThat(started.call().getStatus()).isEqualTo(Status.UP);

    streams.onChange(State.REBALANCING, State.RUNNING);

    assertThat(started.call().getStatus()).isEqualTo(Status.UP);
  }
}
