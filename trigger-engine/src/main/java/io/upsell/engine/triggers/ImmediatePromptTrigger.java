package io.upsell.engine.triggers;

import io.upsell.engine.topology.StoreReader;
import io.upsell.schemas.upsell.UpsellTrigger;

/**
 * An app prompt about the customer's own service (storage, plan limits) that fires the moment it is detected: it
 * is a service prompt, and once decided it holds, because only a quiet-hours delay ever makes it a timer and a
 * newer event must not cancel that.
 */
abstract class ImmediatePromptTrigger<V> extends WatchedTrigger<V> {

  @Override
  public final boolean servicePrompt() {
    return true;
  }

  @Override
  public final boolean stillHolds(UpsellTrigger due, StoreReader stores) {
    return true;
  }
}
