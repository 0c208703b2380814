package io.upsell.notifier.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.upsell.notifier.delivery.CustomerState.Sending;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.DeliveryStatus;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.notify.SendRetry;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.upsell.UpsellTrigger;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A send is tried until it has an outcome: taken (SENT), refused for good (FAILED, dead-lettered), cut off by a crash
 * (UNKNOWN, never tried again), stopped by a hard stop that arrived after the engine's decision (SKIPPED), or given up when the retry
 * window or the offer ran out (FAILED, dead-lettered). A temporary failure or a throttling provider puts it in the
 * partition's retry schedule instead; each try of an at-most-once channel is claimed in the ledger before it starts.
 */
@ApplicationScoped
public class SendTries {

  private final Outcomes outcomes;
  private final RetryPlan plan;
  private final Throttle throttle;
  private final Clock clock;
  private final MeterRegistry metrics;

  public SendTries(Outcomes outcomes, RetryPlan plan, Throttle throttle, Clock clock, MeterRegistry metrics) {
    this.outcomes = outcomes;
    this.plan = plan;
    this.throttle = throttle;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** The first handling of a trigger on a channel; a trigger met again does nothing, or reports UNKNOWN. */
  public CompletableFuture<Void> start(UpsellTrigger trigger, Channel channel, boolean emailLater,
      CustomerState state) {
    Sending sending = state.sending(trigger.getTriggerId(), channel.id());
    if (sending == Sending.DONE || sending == Sending.RETRYING) {
      return CompletableFuture.completedFuture(null);
    }
    if (sending == Sending.CLAIMED) {
      // Claimed, no outcome: the receiver may or may not have it. Marketing mail is never risked twice.
      return outcomes.delivery(trigger, channel.id(), DeliveryStatus.UNKNOWN, Outcomes.UNKNOWN_OUTCOME, state);
    }
    return attempt(plan.first(trigger, channel.id(), clock.instant()), channel, emailLater, state);
  }

  /** A scheduled send whose time came. */
  public CompletableFuture<Void> resume(SendRetry send, Channel channel, boolean emailLater, CustomerState state) {
    UpsellTrigger trigger = send.getTrigger();
    if (state.sending(trigger.getTriggerId(), channel.id()) == Sending.DONE) {
      state.unschedule(trigger.getTriggerId(), channel.id());
      return CompletableFuture.completedFuture(null);
    }
    if (send.getInterrupted()) {
      state.unschedule(trigger.getTriggerId(), channel.id());
      return outcomes.delivery(trigger, channel.id(), DeliveryStatus.UNKNOWN, Outcomes.UNKNOWN_OUTCOME, state);
    }
    return attempt(send, channel, emailLater, state);
  }

  private CompletableFuture<Void> attempt(SendRetry send, Channel channel, boolean emailLater, CustomerState state) {
    UpsellTrigger trigger = send.getTrigger();
    String key = Keys.customer(trigger.getShopId(), trigger.getCustomerId());
    Optional<String> refusal = channel.id() == DeliveryChannel.EMAIL ? emailStop(state, key) : Optional.empty();
    if (refusal.isPresent()) {
      state.unschedule(trigger.getTriggerId(), channel.id());
      return outcomes.delivery(trigger, channel.id(), DeliveryStatus.SKIPPED, refusal.get(), state);
    }
    Instant now = clock.instant();
    Optional<Instant> paused = throttle.pausedAt(channel.throttleKey(trigger), now);
    if (paused.isPresent()) {
      return later(plan.afterThrottle(send, send.getLastError(), paused.get()), channel, state);
    }
    if (channel.atMostOnce()) {
      state.claim(trigger.getShopId(), trigger.getCustomerId(), trigger.getTriggerId(), channel.id());
    }
    Attempt attempt = channel.send(new Channel.Send(trigger, state.profile(key), emailLater));
    return switch (attempt.kind()) {
      case SENT -> {
        state.unschedule(trigger.getTriggerId(), channel.id());
        yield outcomes.sent(trigger, channel.id(), state);
      }
      case PERMANENT -> {
        state.unschedule(trigger.getTriggerId(), channel.id());
        yield outcomes.refused(trigger, channel.id(), attempt.error(), send.getFailures() + 1, state);
      }
      case THROTTLED -> {
        Instant end = now.plus(plan.throttlePause());
        throttle.pause(channel.throttleKey(trigger), end);
        count(channel, "throttled");
        yield later(plan.afterThrottle(send, attempt.error(), end), channel, state);
      }
      case TEMPORARY -> {
        count(channel, "temporary");
        yield later(plan.afterFailure(send, attempt.error(), now), channel, state);
      }
    };
  }

  /**
   * Why this email may not go out: it cannot be addressed, or a hard stop (unsubscribe, bounce) arrived after the
   * engine decided. Consent itself was the engine's decision and is not taken again here.
   */
  private static Optional<String> emailStop(CustomerState state, String key) {
    Optional<CustomerProfile> profile = state.profile(key);
    if (profile.isEmpty()) {
      return Optional.of("no customer profile");
    }
    if (profile.get().getEmail() == null || profile.get().getEmail().isBlank()) {
      return Optional.of("no email address");
    }
    return state.emailStop(key).map(why -> why == EngagementType.BOUNCED ? "address bounced" : "unsubscribed");
  }

  /** Schedules the next try, or gives the send up when that try would come too late. */
  private CompletableFuture<Void> later(SendRetry next, Channel channel, CustomerState state) {
    UpsellTrigger trigger = next.getTrigger();
    if (RetryPlan.givenUp(next)) {
      state.unschedule(trigger.getTriggerId(), channel.id());
      return outcomes.givenUp(next, state);
    }
    state.schedule(next);
    return CompletableFuture.completedFuture(null);
  }

  private void count(Channel channel, String reason) {
    metrics.counter("notifier.retries", "channel", channel.id().name(), "reason", reason).increment();
  }
}
