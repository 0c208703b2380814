package io.upsell.engine.rules;

import io.upsell.schemas.upsell.ShopRules;
import io.upsell.schemas.upsell.TriggerType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A shop's rules as JSON: every field optional, an absent one keeps the engine default. Quiet hours are
 * {@code "HH:mm"} in the customer's zone; {@code settings} holds per-trigger overrides such as
 * {@code "CART_ABANDONED.delayMinutes": "45"} (see GET /v1/triggers/catalog for the keys) and
 * {@code "report.recipient"}, where analytics' KPI digests go; {@code monthlyRevenueTargetMinor} is the revenue target
 * analytics reports progress against.
 */
public record RulesBody(String timeZone, List<String> enabledTriggers, Integer capPerDay, Integer capPerWeek,
    String quietHoursStart, String quietHoursEnd, Double holdoutPercent, Long monthlyRevenueTargetMinor,
    Map<String, String> settings) {

  /** The stored record for {@code shopId}; call only on a validated body. */
  public ShopRules toRecord(String shopId, Instant now) {
    return ShopRules.newBuilder()
        .setShopId(shopId)
        .setUpdatedAt(now)
        .setTimeZone(timeZone)
        .setEnabledTriggers(enabledTriggers == null ? null : enabledTriggers.stream().map(TriggerType::valueOf).toList())
        .setCapPerDay(capPerDay)
        .setCapPerWeek(capPerWeek)
        .setQuietHoursStart(RulesValidation.minuteOfDay(quietHoursStart))
        .setQuietHoursEnd(RulesValidation.minuteOfDay(quietHoursEnd))
        .setHoldoutPercent(holdoutPercent)
        .setMonthlyRevenueTargetMinor(monthlyRevenueTargetMinor)
        .setSettings(settings == null ? Map.of() : Map.copyOf(settings))
        .build();
  }

  /** The body that reads back as {@code rules}. */
  public static RulesBody of(ShopRules rules) {
    return new RulesBody(rules.getTimeZone(),
        rules.getEnabledTriggers() == null ? null : rules.getEnabledTriggers().stream().map(Enum::name).toList(),
        rules.getCapPerDay(), rules.getCapPerWeek(), RulesValidation.clock(rules.getQuietHoursStart()),
        RulesValidation.clock(rules.getQuietHoursEnd()), rules.getHoldoutPercent(), rules.getMonthlyRevenueTargetMinor(),
        Map.copyOf(rules.getSettings()));
  }
}
