package io.upsell.engine.config;

import io.upsell.platform.shops.Shop;
import io.upsell.platform.shops.Storefront;
import io.upsell.schemas.upsell.ShopRules;
import io.upsell.schemas.upsell.TriggerType;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

/**
 * The settings in force for one shop: its stored rules where they say something, the engine defaults elsewhere; and
 * what the shops file says of it (its pages, its currency).
 */
public final class ShopSettings {

  private final EngineConfig defaults;
  private final ShopRules rules;
  private final Shop shop;

  /** {@code shop}: the shop's record in the shops file, null when the file does not list it. */
  public ShopSettings(EngineConfig defaults, ShopRules rules, Shop shop) {
    this.defaults = defaults;
    this.rules = rules;
    this.shop = shop;
  }

  /** The shop's pages an offer links to; none known for a shop the shops file does not list. */
  public Storefront storefront() {
    return shop == null ? Storefront.NONE : shop.storefront();
  }

  /** The currency the shop sells in: its rules' if they say, else the shops file's; null when neither knows it. */
  public String currency() {
    if (rules != null && rules.getCurrency() != null) {
      return rules.getCurrency();
    }
    return shop == null ? null : shop.currency();
  }

  /** A shop-wide offer setting: the shop's override, else its declared default. */
  public String offer(OfferSetting setting) {
    String own = rules == null || rules.getSettings() == null ? null : rules.getSettings().get(setting.key());
    return own == null ? setting.defaultValue() : own;
  }

  /** A shop-wide numeric offer setting. */
  public long offerNumber(OfferSetting setting) {
    return Long.parseLong(offer(setting).strip());
  }

  /** The engine's key for coupon codes; never logged. */
  public String couponSecret() {
    return defaults.couponSecret();
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

  /**
   * A per-trigger number whose default application.properties declares (the one place of it): the shop's override,
   * else that default; a key declared nowhere is a programming error, not a silent zero.
   */
  public long declared(TriggerType type, String key) {
    String value = setting(type, key, null);
    if (value == null) {
      throw new IllegalStateException("no default for upsell.engine.trigger." + type + "." + key);
    }
    return Long.parseLong(value.strip());
  }

  public long number(TriggerType type, String key, long fallback) {
    return Long.parseLong(setting(type, key, Long.toString(fallback)).strip());
  }

  private static int minuteOfDay(LocalTime time) {
    return time.getHour() * 60 + time.getMinute();
  }
}
