package io.upsell.notifier.delivery;

import io.upsell.notifier.NotifierConfig;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.SendRetry;
import io.upsell.schemas.upsell.UpsellTrigger;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * When a send that failed for now is tried next: after a backoff that doubles per failure (with jitter), within the
 * retry window from its first try and never after the offer expires; a send whose next try would fall past that is
 * given up.
 */
@ApplicationScoped
public class RetryPlan {

  private final NotifierConfig.Retry config;
  private final Backoff backoff;

  public RetryPlan(NotifierConfig config) {
    this.config = config.retry();
    this.backoff = new Backoff(this.config.initialBackoff(), this.config.maxBackoff());
  }

  /** A send about to be tried for the first time: nothing failed yet, due now. */
  public SendRetry first(UpsellTrigger trigger, DeliveryChannel channel, Instant now) {
    Instant window = now.plus(config.window());
    Instant expires = trigger.getOffer().getExpiresAt();
    Instant giveUp = expires != null && expires.isBefore(window) ? expires : window;
    return new SendRetry(trigger, channel, 0, now, now, giveUp, null, false);
  }

  /** The send after a temporary failure: one failure more, due after the backoff. */
  public SendRetry afterFailure(SendRetry send, String error, Instant now) {
    int failures = send.getFailures() + 1;
    return next(send, failures, now.plus(backoff.delay(failures)), error);
  }

  /** The send while its provider is paused: due when the pause ends, no failure counted. */
  public SendRetry afterThrottle(SendRetry send, String error, Instant pauseEnd) {
    return next(send, send.getFailures(), pauseEnd, error);
  }

  public Duration throttlePause() {
    return config.throttlePause();
  }

  /** Whether the next try is past the window or the offer's expiry. */
  public static boolean givenUp(SendRetry send) {
    return send.getDueAt().isAfter(send.getGiveUpAt());
  }

  private static SendRetry next(SendRetry send, int failures, Instant due, String error) {
    // The constructor, not a copying builder: Avro's deep copy trips over Quarkus' class loaders in tests.
    return new SendRetry(send.getTrigger(), send.getChannel(), failures, send.getFirstTriedAt(), due,
        send.getGiveUpAt(), error, send.getInterrupted());
  }
}
