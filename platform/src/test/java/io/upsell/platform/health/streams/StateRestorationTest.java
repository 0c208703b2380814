package io.upsell.platform.health.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class StateRestorationTest {

  private final StateRestoration restoration = new StateRestoration();
  private final TopicPartition changelog = new TopicPartition("engine-timers-changelog", 2);

  @Test
  void isNotReadyWhileAStoreIsRestoredAndSaysHowFarItGot() {
    assertThat(restoration.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);

    restoration.onRestoreStart(changelog, "timers", 100, 1100);
    restoration.onBatchRestored(changelog, "timers", 500, 400);

    HealthCheckResponse response = restoration.call();
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(response.getData().orElseThrow()).containsEntry("records restored", 400L)
        .containsEntry("records to restore", 1000L);
  }

  @Test
  void isReadyAgainOnceTheRestorationEnded() {
    restoration.onRestoreStart(changelog, "timers", 0, 10);

    restoration.onRestoreEnd(changelog, "timers", 10);

    assertThat(restoration.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
  }
}
