package io.upsell.engine.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;

/** Engine defaults a shop's rules may override; every key is commented in application.properties. */
@ConfigMapping(prefix = "upsell.engine")
public interface EngineConfig {

  /** How timers are fired: wall-clock (production) or stream-time (backtests replay history deterministically). */
  @WithDefault("wall-clock")
  String timers();

  /** Punctuation interval of the timer scan; at most one second. */
  @WithDefault("250ms")
  Duration punctuateEvery();

  /**
   * Production timers follow the input's event time while records keep arriving (a backlog is read up to a timer's
   * due time before it fires) and the wall clock once stream time has not moved for this long.
   */
  @WithDefault("1s")
  Duration inputIdleAfter();

  /** How long a detector keeps a shop's catalog relations (accessories, next courses) before reading them again. */
  @WithDefault("1s")
  Duration catalogRefresh();

  /** Messages per customer and channel per day. */
  @WithDefault("2")
  int capPerDay();

  /** Messages per customer and channel per 7 days. */
  @WithDefault("5")
  int capPerWeek();

  /** Start of quiet hours in the customer's zone. */
  @WithDefault("21:00")
  LocalTime quietHoursStart();

  /** End of quiet hours in the customer's zone. */
  @WithDefault("08:00")
  LocalTime quietHoursEnd();

  /** Share of customers (percent) held out as the control group. */
  @WithDefault("5")
  double holdoutPercent();

  /** How long an open ticket's negative sentiment keeps a customer out of offers. */
  @WithDefault("14d")
  Duration angryFor();

  /** Orders with more distinct products than this are bulk buys, not baskets: bought-together learning skips them. */
  @WithDefault("50")
  int learnMaxProducts();

  /**
   * An order teaches pairs among its this-many most valuable distinct products only: the learner's work per order
   * grows with the square of its products, and the cheap extras of a big basket say little about what goes together.
   */
  @WithDefault("20")
  int learnTopProducts();

  /**
   * The key coupon codes are derived with (HMAC-SHA256 over shop and trigger id), at least 16 characters; env
   * {@code UPSELL_ENGINE_COUPON_SECRET}. Required outside the dev and test profiles: the engine does not start
   * without it, so no deployment issues codes anyone could compute from a published default.
   */
  String couponSecret();

  /** Per-trigger settings, {@code upsell.engine.trigger.<TYPE>.<key>=value}. */
  Map<String, Map<String, String>> trigger();

  /** Whether timers run on stream time (backtests). */
  default boolean streamTimeTimers() {
    return "stream-time".equalsIgnoreCase(timers());
  }
}
