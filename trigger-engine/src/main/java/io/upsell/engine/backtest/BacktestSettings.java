package io.upsell.engine.backtest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/** Where a backtest reads the shop's measured lift from; defaults and meanings in application.properties. */
@ConfigMapping(prefix = "upsell.backtest")
public interface BacktestSettings {

  /** Analytics' base URL: its {@code GET /v1/shops/{id}/lift} prices a backtest's sends. */
  @WithDefault("http://127.0.0.1:8084")
  String analyticsUrl();

  /** How long starting a backtest waits for that answer before it goes on without an estimate. */
  @WithDefault("10s")
  @DurationMin(millis = 100)
  @DurationMax(seconds = 30)
  Duration liftTimeout();
}
