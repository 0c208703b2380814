package io.upsell.engine.rules;

import io.upsell.engine.config.EngineConfig;
import io.upsell.engine.config.OfferSetting;
import io.upsell.engine.learned.TopCompanions;
import io.upsell.platform.http.ApiException;
import io.upsell.platform.http.FieldError;
import io.upsell.schemas.rules.RuleSettings;
import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.TriggerType;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** A shop's rules are accepted only when every field makes sense; each wrong one is named with its reason. */
final class RulesValidation {

  private static final Set<String> TEXT_SETTINGS = Set.of("channel", "trialPlan");
  private static final long MAX_SETTING = 3650L * 24 * 60;
  /** Per-trigger settings with narrower bounds than any whole number up to MAX_SETTING (their defaults: the properties). */
  private static final Map<String, long[]> BOUNDED = Map.of(
      "discountPercent", new long[] {0, 90}, "stepTwoDiscountPercent", new long[] {0, 90},
      "stepTwoDeadlineHours", new long[] {1, 720}, "headroomPercent", new long[] {0, 400},
      "maxStepPercent", new long[] {0, 1000});
  /** A thousand billion in major units: more than any shop's month, far below overflow when summed. */
  private static final long MAX_TARGET_MINOR = 100_000_000_000_000L;
  // One mailbox, nothing a mail header could split into more: local@domain.tld, no spaces, commas or controls.
  private static final String ADDRESS_CHARS = "[^@\\s,;<>\\p{Cntrl}]";
  private static final Pattern ONE_ADDRESS =
      Pattern.compile(ADDRESS_CHARS + "+@" + ADDRESS_CHARS + "+\\.[^@\\s,;<>\\p{Cntrl}.]+");

  private final EngineConfig defaults;
  private final List<FieldError> errors = new ArrayList<>();

  RulesValidation(EngineConfig defaults) {
    this.defaults = defaults;
  }

  /** Throws a 400 naming every invalid field. */
  void check(RulesBody body) {
    if (body == null) {
      throw ApiException.badRequest("body", "a JSON object with the rules is required");
    }
    zone(body.timeZone());
    if (body.enabledTriggers() != null) {
      body.enabledTriggers().forEach(t -> triggerType("enabledTriggers", t));
    }
    range("capPerDay", body.capPerDay(), 0, 50);
    range("capPerWeek", body.capPerWeek(), 0, 200);
    if (body.capPerDay() != null && body.capPerWeek() != null && body.capPerWeek() < body.capPerDay()) {
      errors.add(new FieldError("capPerWeek", "must be at least capPerDay"));
    }
    time("quietHoursStart", body.quietHoursStart());
    time("quietHoursEnd", body.quietHoursEnd());
    if (body.holdoutPercent() != null && !(body.holdoutPercent() >= 0 && body.holdoutPercent() <= 50)) {
      errors.add(new FieldError("holdoutPercent", "must be between 0 and 50"));
    }
    if (body.monthlyRevenueTargetMinor() != null
        && !(body.monthlyRevenueTargetMinor() >= 0 && body.monthlyRevenueTargetMinor() <= MAX_TARGET_MINOR)) {
      errors.add(new FieldError("monthlyRevenueTargetMinor", "must be between 0 and " + MAX_TARGET_MINOR
          + " (minor units of the shop's currency)"));
    }
    if (body.settings() != null) {
      body.settings().forEach(this::setting);
    }
    if (!errors.isEmpty()) {
      throw new ApiException(400, "invalid rules", errors, Map.of());
    }
  }

  private void zone(String zone) {
    try {
      if (zone != null) {
        ZoneId.of(zone);
      }
    } catch (DateTimeException e) {
      errors.add(new FieldError("timeZone", "unknown time zone '" + zone + "'"));
    }
  }

  private boolean triggerType(String field, String name) {
    try {
      TriggerType.valueOf(String.valueOf(name));
      return true;
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(field, "unknown trigger type '" + name + "'"));
      return false;
    }
  }

  private void range(String field, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      errors.add(new FieldError(field, "must be between " + min + " and " + max));
    }
  }

  private void time(String field, String value) {
    if (value != null && minuteOfDayOrNull(value) == null) {
      errors.add(new FieldError(field, "must be a time of day HH:mm"));
    }
  }

  private void setting(String key, String value) {
    String field = "settings." + key;
    if (key.equals(RuleSettings.REPORT_RECIPIENT)) {
      if (value == null || value.length() > 254 || !ONE_ADDRESS.matcher(value).matches()) {
        errors.add(new FieldError(field, "must be one email address, e.g. owner@shop.example"));
      }
      return;
    }
    OfferSetting offer = OfferSetting.ofKey(key);
    if (offer != null) {
      String refusal = offer.refusal(value);
      if (refusal != null) {
        errors.add(new FieldError(field, refusal));
      }
      return;
    }
    int dot = key.indexOf('.');
    if (dot < 0) {
      errors.add(new FieldError(field, "must be TYPE.key, e.g. CART_ABANDONED.delayMinutes, or "
          + RuleSettings.REPORT_RECIPIENT));
      return;
    }
    if (!triggerType(field, key.substring(0, dot))) {
      return;
    }
    String name = key.substring(dot + 1);
    Map<String, String> known = defaults.trigger().getOrDefault(key.substring(0, dot), Map.of());
    if (!known.containsKey(name) && !Set.of("discountPercent", "discountMinor", "cooldownHours").contains(name)) {
      errors.add(new FieldError(field, "unknown setting; known: " + known.keySet()));
    } else if (name.equals("channel")) {
      if (!Set.of(ChannelHint.EMAIL.name(), ChannelHint.IN_APP.name(), ChannelHint.ANY.name()).contains(value)) {
        errors.add(new FieldError(field, "must be EMAIL, IN_APP or ANY"));
      }
    } else if (name.equals("topK") && !wholeNumberIn(value, 1, TopCompanions.MAX_OFFERED)) {
      errors.add(new FieldError(field, "must be a whole number between 1 and " + TopCompanions.MAX_OFFERED
          + " (each product keeps its " + TopCompanions.KEEP + " best companions)"));
    } else if (BOUNDED.containsKey(name) && !wholeNumberIn(value, BOUNDED.get(name)[0], BOUNDED.get(name)[1])) {
      errors.add(new FieldError(field, "must be a whole number between " + BOUNDED.get(name)[0] + " and "
          + BOUNDED.get(name)[1]));
    } else if (!TEXT_SETTINGS.contains(name) && !wholeNumberIn(value, 0, MAX_SETTING)) {
      errors.add(new FieldError(field, "must be a whole number between 0 and " + MAX_SETTING));
    } else if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "must not be blank"));
    }
  }

  private static boolean wholeNumberIn(String value, long min, long max) {
    try {
      long n = Long.parseLong(String.valueOf(value).strip());
      return n >= min && n <= max;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** {@code "HH:mm"} as minute of day; null for null. */
  static Integer minuteOfDay(String clock) {
    return clock == null ? null : minuteOfDayOrNull(clock);
  }

  private static Integer minuteOfDayOrNull(String clock) {
    try {
      LocalTime time = LocalTime.parse(clock);
      return time.getHour() * 60 + time.getMinute();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Minute of day as {@code "HH:mm"}; null for null. */
  static String clock(Integer minuteOfDay) {
    return minuteOfDay == null ? null : LocalTime.of(minuteOfDay / 60, minuteOfDay % 60).toString();
  }
}
