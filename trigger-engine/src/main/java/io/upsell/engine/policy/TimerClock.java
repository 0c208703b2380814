package io.upsell.engine.policy;

/**
 * The time a production timer is judged at. While records are moving the task's stream time, the input's own time
 * leads: a backlog (after an outage, a restart or a rebalance) is read up to a timer's due time before the timer
 * fires, so the order placed a minute after a cart is seen before that cart's reminder is judged. Once stream time
 * has stood still for {@code idleAfterMs} of wall clock, the wall clock leads, so reminders of customers who went
 * quiet fire on time. Never ahead of the wall clock.
 */
final class TimerClock {

  private final long idleAfterMs;
  private long streamTime = -1;
  private long movedAtWall; // 0: stream time has never moved, so the wall clock leads
  private long lookedAtWall;

  TimerClock(long idleAfterMs) {
    this.idleAfterMs = idleAfterMs;
  }

  /** The time to judge at while a record is processed: the input is being read right now. */
  long reading(long wall, long streamTime) {
    this.streamTime = streamTime;
    movedAtWall = wall;
    lookedAtWall = wall;
    return judged(wall);
  }

  /** The time to judge at from a punctuation; stream time found moved moved at some point since the last look. */
  long now(long wall, long streamTime) {
    if (streamTime != this.streamTime) {
      this.streamTime = streamTime;
      movedAtWall = lookedAtWall;
    }
    lookedAtWall = wall;
    return judged(wall);
  }

  private long judged(long wall) {
    boolean catchingUp = streamTime >= 0 && wall - movedAtWall < idleAfterMs;
    return catchingUp ? Math.min(wall, streamTime) : wall;
  }
}
