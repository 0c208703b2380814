package io.upsell.analytics.stream;

import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.schemas.analytics.CouponIssue;
import io.upsell.schemas.analytics.CouponRedemption;
import io.upsell.schemas.analytics.CouponState;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.upsell.Offer;
import io.upsell.schemas.upsell.UpsellTrigger;

/**
 * A code's facts as they come: a trigger sent with a code issues it (a holdout trigger is never sent, so its code
 * issues nothing and stays invalid), a placed order naming a code redeems it. Each becomes a partial
 * {@link CouponState} for the ledger to merge; anything else is null.
 */
final class CouponEvents {

  private CouponEvents() {}

  static CouponState issued(UpsellTrigger trigger) {
    Offer offer = trigger.getOffer();
    if (trigger.getHoldout() || offer == null || blank(offer.getCouponCode())) {
      return null;
    }
    CouponIssue issue = CouponIssue.newBuilder().setCustomerId(trigger.getCustomerId())
        .setTriggerId(trigger.getTriggerId()).setTriggerType(trigger.getType().name())
        .setVariant(trigger.getVariant()).setDiscountPercent(offer.getDiscountPercent())
        .setDiscountMinor(offer.getDiscountMinor()).setCurrency(offer.getCurrency())
        .setIssuedAt(trigger.getFiredAt()).setExpiresAt(offer.getExpiresAt()).build();
    return new CouponState(StoreKeys.couponCode(offer.getCouponCode()), issue, null);
  }

  static CouponState named(OrderEvent order) {
    if (!(order.getEvent() instanceof OrderPlaced placed) || blank(placed.getCouponCode())) {
      return null;
    }
    CouponRedemption redemption = CouponRedemption.newBuilder().setOrderId(placed.getOrderId())
        .setCustomerId(placed.getCustomerId()).setRedeemedAt(placed.getOccurredAt())
        .setNetMinor(placed.getTotalMinor()).setCurrency(placed.getCurrency()).build();
    return new CouponState(StoreKeys.couponCode(placed.getCouponCode()), null, redemption);
  }

  private static boolean blank(String code) {
    return code == null || code.isBlank();
  }
}
