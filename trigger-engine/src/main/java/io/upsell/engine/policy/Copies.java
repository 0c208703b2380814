package io.upsell.engine.policy;

import io.upsell.schemas.upsell.Offer;
import io.upsell.schemas.upsell.OfferItem;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.util.ArrayList;
import java.util.List;

/**
 * Shallow copies of decision records. Avro's builder copy-constructors deep-copy enums through the generated
 * model, which under Quarkus resolves them on another class loader than ours; plain constructors do not.
 */
final class Copies {

  private Copies() {}

  static UpsellTrigger of(UpsellTrigger t) {
    return new UpsellTrigger(t.getShopId(), t.getCustomerId(), t.getTriggerId(), t.getType(), t.getStep(),
        t.getReason(), offer(t.getOffer(), t.getOffer().getProductIds()), t.getChannelHint(), t.getVariant(),
        t.getHoldout(), new ArrayList<>(t.getSourceEventIds()), t.getFiredAt(), t.getDueAt());
  }

  /** A copy naming only {@code productIds}: its items keep those products alone. */
  static Offer offer(Offer o, List<String> productIds) {
    List<OfferItem> items = o.getItems().stream().filter(i -> productIds.contains(i.getProductId())).toList();
    return new Offer(new ArrayList<>(productIds), o.getDiscountPercent(), o.getDiscountMinor(), o.getCurrency(),
        o.getCouponCode(), o.getPlan(), o.getCourseId(), o.getUrl(), new ArrayList<>(items), o.getCurrentPlan(),
        o.getOfferedPlan(), o.getAlternativePlan(), o.getUsage(), o.getExpiresAt());
  }
}
