package io.upsell.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The window of the seen ids, without a broker: an id is remembered for the whole window, never a moment less. */
class SeenIdsTest {

  private static final long NOW = 1_763_900_000_999L;

  @Test
  void anIdSeenBetweenTwoSecondsIsADuplicateUntilTheLastMillisecondOfTheWindow() {
    Duration window = Duration.ofDays(7);
    try (SeenIds seen = new SeenIds("127.0.0.1:1", window)) {
      seen.addAll(List.of("shop-a:e-1"), NOW);

      assertThat(seen.contains("shop-a:e-1", NOW + window.toMillis() - 1)).isTrue();
      assertThat(seen.contains("shop-a:e-2", NOW)).isFalse();
    }
  }
}
