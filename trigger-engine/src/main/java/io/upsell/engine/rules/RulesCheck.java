package io.upsell.engine.rules;

import io.upsell.engine.config.EngineConfig;

/** Validates rules from outside this package (a backtest's trial rules) with the same checks as PUT /rules. */
public final class RulesCheck {

  private RulesCheck() {}

  public static void check(EngineConfig defaults, RulesBody body) {
    new RulesValidation(defaults).check(body);
  }
}
