package io.upsell.notifier.delivery;

import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which channel a trigger goes out on. A shop's rule for the trigger type wins, then the engine's hint; without
 * either, shop flows go by email and app prompts in-app, emailed instead if the customer is not around to see them.
 * Email also needs a profile with an address, marketing consent, and no unsubscribe or bounce on record.
 */
public final class ChannelChoice {

  /** Prompts about the customer's own account; they belong in the app first. */
  static final Set<TriggerType> APP_PROMPTS = EnumSet.of(TriggerType.STORAGE_NEAR_FULL, TriggerType.PLAN_LIMIT_HIT,
      TriggerType.SUBSCRIPTION_EXPIRING, TriggerType.COURSE_COMPLETED);

  /** The main channel of a trigger. */
  public enum Route {
    EMAIL,
    IN_APP,
    /** In-app now; email after the configured wait if the customer had no live session to see it. */
    IN_APP_THEN_EMAIL,
    /** The shop turned this trigger type off. */
    NONE
  }

  private ChannelChoice() {}

  /**
   * @param shopRule the shop's channel for this trigger type: {@code email}, {@code in-app},
   *     {@code in-app-only} or {@code none}
   */
  public static Route route(UpsellTrigger trigger, Optional<String> shopRule) {
    if (shopRule.isPresent()) {
      return switch (shopRule.get().strip().toLowerCase(Locale.ROOT)) {
        case "email" -> Route.EMAIL;
        case "in-app" -> Route.IN_APP_THEN_EMAIL;
        case "in-app-only" -> Route.IN_APP;
        case "none" -> Route.NONE;
        default -> throw new IllegalArgumentException("unknown channel rule '" + shopRule.get()
            + "': use email, in-app, in-app-only or none");
      };
    }
    if (trigger.getChannelHint() == ChannelHint.EMAIL) {
      return Route.EMAIL;
    }
    if (trigger.getChannelHint() == ChannelHint.IN_APP || APP_PROMPTS.contains(trigger.getType())) {
      return Route.IN_APP_THEN_EMAIL;
    }
    return Route.EMAIL;
  }

  /** Why no email may go to this customer; empty when it may. */
  public static Optional<String> emailRefusal(Optional<CustomerProfile> profile, Optional<EngagementType> stop) {
    if (profile.isEmpty()) {
      return Optional.of("no customer profile");
    }
    if (profile.get().getEmail() == null || profile.get().getEmail().isBlank()) {
      return Optional.of("no email address");
    }
    if (!profile.get().getMarketingConsent()) {
      return Optional.of("no marketing consent");
    }
    return stop.map(why -> why == EngagementType.BOUNCED ? "address bounced" : "unsubscribed");
  }
}
