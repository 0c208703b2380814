package io.upsell.engine.policy;

import io.upsell.engine.config.OfferSetting;
import io.upsell.engine.config.ShopSettings;
import io.upsell.engine.triggers.Trigger;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.SuppressionReason;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract's policies, applied to every candidate in its order: consent, angry customer, relevance, frequency
 * cap and cooldown, quiet hours (delay), holdout, A/B variant. The first that refuses decides.
 */
public final class Policies {

  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;

  private Policies() {}

  /**
   * @param consentWithoutProfile whether a customer without a profile (consent never stated) counts as consenting:
   *     false in production; a backtest over imported history may say true
   */
  public static Verdict decide(UpsellTrigger candidate, Trigger definition, CustomerFacts facts, ShopSettings settings,
      boolean consentWithoutProfile, long now) {
    UpsellTrigger t = Copies.of(candidate);
    if (facts.decidedTriggerIds.contains(t.getTriggerId())) {
      return Verdict.repeat(t);
    }
    if (!settings.enabled(t.getType())) {
      return Verdict.suppress(t, SuppressionReason.DISABLED, "trigger disabled in the shop's rules");
    }
    boolean consents = facts.consent == null ? consentWithoutProfile : facts.consent;
    if (facts.unsubscribed || !consents) {
      SuppressionReason reason = facts.unsubscribed ? SuppressionReason.UNSUBSCRIBED : SuppressionReason.NO_CONSENT;
      if (!definition.servicePrompt()) {
        return Verdict.suppress(t, reason, "no marketing consent: no email");
      }
      t.setChannelHint(ChannelHint.IN_APP);
    }
    if (!facts.openTickets.isEmpty() || facts.negativeAt > now - settings.angryForMillis()) {
      return Verdict.suppress(t, SuppressionReason.ANGRY_CUSTOMER, "open support ticket or negative sentiment");
    }
    if (definition.offersUpgrade() && t.getOffer().getCurrentPlan() != null && t.getOffer().getOfferedPlan() == null) {
      return Verdict.suppress(t, SuppressionReason.TOP_PLAN, "already on the top plan");
    }
    Long downvoted = facts.downvotedTypes.get(t.getType().name());
    if (downvoted != null && now - downvoted < settings.offerNumber(OfferSetting.DOWNVOTE_COOLDOWN_DAYS) * DAY) {
      return Verdict.suppress(t, SuppressionReason.DOWNVOTED, "the customer down-voted this prompt");
    }
    Verdict relevance = relevance(t, definition, facts);
    if (relevance != null) {
      return relevance;
    }
    String channel = t.getChannelHint().name();
    if (facts.sendsSince(channel, now - DAY) >= settings.capPerDay()
        || facts.sendsSince(channel, now - 7 * DAY) >= settings.capPerWeek()) {
      return Verdict.suppress(t, SuppressionReason.FREQUENCY_CAP, "cap reached for " + channel);
    }
    long cooldown = settings.number(t.getType(), "cooldownHours", 0) * HOUR;
    Long last = facts.lastFired.get(t.getType().name());
    if (t.getStep() == 1 && last != null && now - last < cooldown) {
      return Verdict.suppress(t, SuppressionReason.COOLDOWN, "fired " + (now - last) / HOUR + " h ago");
    }
    long quietEnd = QuietHours.endIfQuiet(now, zone(facts, settings), settings.quietStartMinute(),
        settings.quietEndMinute());
    if (quietEnd > now) {
      return Verdict.delay(t, quietEnd);
    }
    t.setVariant(bucket(t.getShopId() + ":" + t.getCustomerId() + ":" + t.getType(), 2) == 0 ? "A" : "B");
    t.setOffer(OfferTerms.apply(t, settings, now));
    t.setFiredAt(Instant.ofEpochMilli(now));
    if (bucket(t.getShopId() + ":" + t.getCustomerId(), 10_000) < settings.holdoutPercent() * 100) {
      t.setHoldout(true);
      return Verdict.suppress(t, SuppressionReason.HOLDOUT, "control group");
    }
    OfferTerms.issueCode(t, settings);
    return Verdict.fire(t);
  }

  private static Verdict relevance(UpsellTrigger t, Trigger definition, CustomerFacts facts) {
    if (!definition.offersProducts() || t.getOffer().getProductIds().isEmpty()) {
      return null;
    }
    List<String> products = new ArrayList<>(t.getOffer().getProductIds());
    products.removeAll(facts.bought);
    if (products.isEmpty()) {
      return Verdict.suppress(t, SuppressionReason.ALREADY_BOUGHT, "every offered product was bought");
    }
    products.removeAll(facts.downvoted);
    if (products.isEmpty()) {
      return Verdict.suppress(t, SuppressionReason.DOWNVOTED, "the customer down-voted the offered products");
    }
    t.setOffer(Copies.offer(t.getOffer(), products));
    return null;
  }

  private static ZoneId zone(CustomerFacts facts, ShopSettings settings) {
    try {
      return facts.timeZone == null ? settings.shopZone() : ZoneId.of(facts.timeZone);
    } catch (java.time.DateTimeException e) {
      return settings.shopZone();
    }
  }

  /** A stable bucket in [0, buckets): the same input gives the same bucket on every instance and run. */
  static int bucket(String input, int buckets) {
    return Keys.bucket(input, buckets);
  }
}
