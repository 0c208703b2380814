package io.upsell.platform.health.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class StreamThreadFailureTest {

  @Test
  void theReasonNamesTheRootCauseBeforeWhereStreamsCaughtIt() {
    var wrapped = new StreamsException("Exception caught in process. taskId=4_3",
        new IllegalStateException("injected by a fault test into trigger-consumer"));

    assertThat(StreamThreadFailure.reason(wrapped)).isEqualTo("java.lang.IllegalStateException: injected by a fault "
        + "test into trigger-consumer (Exception caught in process. taskId=4_3)");
  }

  @Test
  void anUnwrappedExceptionIsItsOwnReason() {
    assertThat(StreamThreadFailure.reason(new IllegalArgumentException("bad")))
        .isEqualTo("java.lang.IllegalArgumentException: bad");
  }
}
