package io.upsell.notifier.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A provider that throttles us (SMTP 421/454, HTTP 429) is given a pause: sends on that channel or to that shop's
 * endpoint wait until it ends instead of failing. Kept in this instance's memory only: after a restart the first
 * send finds the throttling again, and a throttled send costs no message.
 */
@ApplicationScoped
public class Throttle {

  private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();

  /** When the pause of {@code key} ends, if it is paused at {@code now}. */
  public Optional<Instant> pausedAt(String key, Instant now) {
    return Optional.ofNullable(pausedUntil.get(key)).filter(now::isBefore);
  }

  public void pause(String key, Instant until) {
    pausedUntil.merge(key, until, (a, b) -> a.isAfter(b) ? a : b);
  }
}
