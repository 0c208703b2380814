package io.upsell.notifier.delivery;

import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.util.Optional;

/**
 * A way to reach a customer (email, in-app, a shop's webhook). Delivery calls it, once per try; a channel never
 * calls back into delivery: the ledger, retries, outcomes and fallbacks are delivery's.
 */
public interface Channel {

  DeliveryChannel id();

  /**
   * Whether a try must be claimed in the send ledger first, so that one cut off by a crash is reported UNKNOWN and
   * never tried again (marketing mail); a channel whose receiver de-duplicates by delivery id is simply tried again.
   */
  boolean atMostOnce();

  /** What is paused when the provider throttles this send: the whole channel, or one shop's endpoint. */
  String throttleKey(UpsellTrigger trigger);

  /** Tries once and reads the answer. */
  Attempt send(Send send);

  /** What to send: the trigger as the engine decided it, to this customer; {@code emailLater}: in-app only. */
  record Send(UpsellTrigger trigger, Optional<CustomerProfile> profile, boolean emailLater) {}
}
