package io.upsell.engine.triggers;

import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.upsell.UpsellTrigger;

/** The record key of a candidate's customer. */
final class CustomerKey {

  private CustomerKey() {}

  static String of(UpsellTrigger trigger) {
    return Keys.customer(trigger.getShopId(), trigger.getCustomerId());
  }
}
