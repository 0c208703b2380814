package io.upsell.notifier.delivery;

import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.notify.Delivery;
import io.upsell.schemas.notify.Engagement;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.notify.SendRetry;
import java.util.Optional;

/**
 * What the notifier knows of the customers whose triggers it is handling, from the partitioned stores of the task
 * that owns them: who they are, whether email to them must stop, and the send ledger. The ledger's rule: a claim is
 * written and acknowledged before an email leaves, an outcome after; a trigger met again finds DONE (nothing to do),
 * CLAIMED (the last run died mid-send: the outcome is unknown and it is never sent again), RETRYING (a temporary
 * failure scheduled it to be tried again: the schedule owns it) or NEW. Each try of a claimed send re-asserts the same
 * claim (same key and delivery id) before it starts, so a crash during any try is found.
 */
public interface CustomerState {

  /** Where a (trigger, channel) stands. */
  enum Sending { NEW, CLAIMED, RETRYING, DONE }

  Optional<CustomerProfile> profile(String customerKey);

  /** Why email to this customer stopped (unsubscribed, bounced, complained), if it did. */
  Optional<EngagementType> emailStop(String customerKey);

  /** Records a stop (a bounce) at once, before its engagement event comes back through its topic. */
  void stopEmail(Engagement stop);

  Sending sending(String triggerId, DeliveryChannel channel);

  /** Writes the claim and waits for the broker: only then may the send start. */
  void claim(String shopId, String customerId, String triggerId, DeliveryChannel channel);

  /** Puts the send in the partition's retry schedule at its due time (replacing its earlier entry). */
  void schedule(SendRetry retry);

  /** Takes the send out of the retry schedule: it has its outcome. */
  void unschedule(String triggerId, DeliveryChannel channel);

  /** Records the outcome published at {@code offset} of notify.deliveries. */
  void done(Delivery outcome, long offset);
}
