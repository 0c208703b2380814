package io.upsell.notifier.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the n-th retry waits between half and all of {@code initial * 2^(n-1)}, capped
 * at {@code max}, so retries of many failed sends spread out instead of hitting a recovering server together.
 */
public record Backoff(Duration initial, Duration max) {

  /** The wait before retry number {@code retry} (1 for the first retry). */
  public Duration delay(int retry) {
    long ceiling = Math.min(max.toMillis(), initial.toMillis() << Math.min(retry - 1, 20));
    long half = ceiling / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
  }
}
