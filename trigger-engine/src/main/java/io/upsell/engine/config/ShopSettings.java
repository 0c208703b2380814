package io.upsell.engine.config;

import io.upsell.schemas.upsell.ShopRules;
import io.upsell.schemas.upsell.TriggerType;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

/** The settings in force for one shop: its stored rules where they say something, the engine defaults elsewhere. */
public final class ShopSettings {

  private final EngineConfig defaults;
  private final ShopRules rules;

  public ShopSettings(EngineConfig defaults, ShopRules rules) {
    this.defaults = defaults;
    this.rules = rules;
  }

  public boolean enabled(TriggerType type) {
    return rules == null || rules.getEnabledTriggers() == null || rules.getEnabledTriggers().contains(type);
  }

  public int capPerDay() {
    return rules != null && rules.getCapPerDay() != null ? rules.getCapPerDay() : defaults.capPerDay();
  }

  public int capPerWeek() {
    return rules != null && rules.getCapPerWeek() != null ? rules.getCapPerWeek() : defaults.capPerWeek();
  }

  /** Minute of day quiet hours start, in the customer's zone. */
  public int quietStartMinute() {
    return rules != null && rules.getQuietHoursStart() != null
        ? rules.getQuietHoursStart() : minuteOfDay(defaults.quietHoursStart());
  }

  public int quietEndMinute() {
    return rules != null && rules.getQuietHoursEnd() != null
        ? rules.getQuietHoursEnd() : minuteOfDay(defaults.quietHoursEnd());
  }

  public double holdoutPercent() {
    return rules != null && rules.getHoldoutPercent() != null ? rules.getHoldoutPercent() : defaults.holdoutPercent();
  }

  /** The shop's zone, for customers whose profile names none. */
  public ZoneId shopZone() {
    return rules != null && rules.getTimeZone() != null ? ZoneId.of(rules.getTimeZone()) : ZoneId.of("UTC");
  }

  public long angryForMillis() {
    return defaults.angryFor().toMillis();
  }

  /** A per-trigger setting: the shop's {@code TYPE.key} override, else the engine default, else {@code fallback}. */
  public String setting(TriggerType type, String key, String fallback) {
    if (rules != null && rules.getSettings() != null) {
      String own = rules.getSettings().get(type.name() + "." + key);
      if (own != null) {
        return own;
      }
    }
    Map<String, String> typeDefaults = defaults.trigger().get(type.name());
    String value = typeDefaults == null ? null : typeDefaults.get(key);
    return value == null ? fallback : value;
  }

  public long number(TriggerType type, String key, long fallback) {
    return Long.parseLong(setting(type, key, Long.toString(fallback)).strip());
  }

  private static int minuteOfDay(LocalTime time) {
    return time.getHour() * 60 + time.getMinute();
  }
}
