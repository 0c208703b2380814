package io.upsell.engine.triggers;

import io.upsell.engine.config.ShopSettings;
import io.upsell.engine.topology.EngineContext;
import io.upsell.engine.topology.StoreReader;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.kstream.KStream;

/**
 * One row of the trigger catalog: how it is detected (wired into a topology) and how a due timer of it re-checks
 * that it still holds. It knows nothing of policies, CDI or REST.
 */
public interface Trigger {

  TriggerType type();

  /** Wires detection into the topology; returns candidates keyed {@code shopId:customerId}, due now or later. */
  KStream<String, UpsellTrigger> addTo(EngineContext engine);

  /** State stores the re-check reads; they are connected to the decider. */
  default List<String> stores() {
    return List.of();
  }

  /** Whether a timer of this trigger that just came due still holds (no order arrived, no renewal ...). */
  default boolean stillHolds(UpsellTrigger due, StoreReader stores) {
    return true;
  }

  /**
   * A due timer that no longer holds because newer activity replaced its source event, moved on to that activity: a
   * trigger that keeps one pending timer per watch (instead of one per event) returns the candidate the latest
   * event would have made; none by default, the timer is simply dropped.
   */
  default Optional<UpsellTrigger> carriedForward(UpsellTrigger due, StoreReader stores,
      Supplier<ShopSettings> settings) {
    return Optional.empty();
  }

  /** Whether the offer names products the relevance policy must check against purchases and down-votes. */
  default boolean offersProducts() {
    return false;
  }

  /**
   * Whether it offers a higher plan than the customer's: a candidate whose current plan the catalog knows and that
   * names no higher one is for a customer on the top plan, and is refused (TOP_PLAN).
   */
  default boolean offersUpgrade() {
    return false;
  }

  /** A service prompt (e.g. storage) may go in-app to a customer without marketing consent. */
  default boolean servicePrompt() {
    return false;
  }
}
