package io.upsell.engine.policy;

import io.upsell.schemas.upsell.SuppressedTrigger;
import io.upsell.schemas.upsell.UpsellTrigger;

/** One outcome the engine publishes: a fired trigger or a suppressed one (exactly one is set). */
public record Decision(UpsellTrigger fired, SuppressedTrigger suppressed) {

  public boolean isFired() {
    return fired != null;
  }
}
