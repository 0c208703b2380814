package io.upsell.notifier.delivery;

import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.util.EnumSet;
import java.util.Set;

/**
 * The channel the engine decided, read off the trigger: the notifier takes no consent or eligibility decision of its
 * own. The engine applied the shop's channel rule ({@code <TYPE>.channel}) and the customer's consent: a customer
 * without marketing consent, or unsubscribed, gets no marketing trigger at all and service prompts with the hint
 * IN_APP only. So EMAIL is email; IN_APP is the app alone, never emailed; ANY (consent given, no preference) shows
 * prompts about the customer's own account in the app first, emailed if unseen, and sends everything else by email.
 */
public enum Route {
  EMAIL,
  IN_APP,
  /** In-app now; email after the configured wait if the customer had no live session to see it. */
  IN_APP_THEN_EMAIL;

  /** Prompts about the customer's own account: they belong in the app first. */
  static final Set<TriggerType> APP_PROMPTS = EnumSet.of(TriggerType.STORAGE_NEAR_FULL, TriggerType.PLAN_LIMIT_HIT,
      TriggerType.SUBSCRIPTION_EXPIRING, TriggerType.COURSE_COMPLETED);

  public static Route of(UpsellTrigger trigger) {
    return switch (trigger.getChannelHint()) {
      case EMAIL -> EMAIL;
      case IN_APP -> IN_APP;
      case ANY -> APP_PROMPTS.contains(trigger.getType()) ? IN_APP_THEN_EMAIL : EMAIL;
    };
  }
}
