package io.upsell.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimerClockTest {

  private static final long HOUR = 3_600_000;
  private final TimerClock clock = new TimerClock(1000);

  @Test
  void followsTheWallClockBeforeAnyRecord() {
    assertThat(clock.now(5 * HOUR, -1)).isEqualTo(5 * HOUR);
  }

  @Test
  void followsStreamTimeWhileABacklogIsRead() {
    assertThat(clock.reading(5 * HOUR, HOUR)).isEqualTo(HOUR);
    assertThat(clock.now(5 * HOUR + 250, HOUR + 60_000)).as("moved since the last look").isEqualTo(HOUR + 60_000);
    assertThat(clock.now(5 * HOUR + 500, HOUR + 60_000)).as("stood still for less than a second")
        .isEqualTo(HOUR + 60_000);
  }

  @Test
  void followsTheWallClockOnceStreamTimeHasStoodStillForTheIdleTime() {
    clock.reading(5 * HOUR, HOUR);

    assertThat(clock.now(5 * HOUR + 1000, HOUR)).isEqualTo(5 * HOUR + 1000);
  }

  @Test
  void streamTimeFoundMovedAfterALongPauseDoesNotCountAsABacklog() {
    clock.now(5 * HOUR, HOUR); // the last look: the record that moved it came at some point after this

    assertThat(clock.now(6 * HOUR, HOUR + 60_000)).isEqualTo(6 * HOUR);
  }

  @Test
  void isNeverAheadOfTheWallClock() {
    assertThat(clock.reading(HOUR, 2 * HOUR)).as("records stamped in the future").isEqualTo(HOUR);
  }
}
