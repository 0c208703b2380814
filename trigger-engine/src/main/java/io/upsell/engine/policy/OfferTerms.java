package io.upsell.engine.policy;

import io.upsell.engine.config.OfferSetting;
import io.upsell.engine.config.ShopSettings;
import io.upsell.schemas.upsell.Offer;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.time.Instant;

/**
 * The discount of a fired offer and its terms: variant A takes a share off, variant B a fixed amount in the offer's
 * currency (the event's, else the shop's; no amount without a currency). A step that declares its own flash sale
 * ({@code stepTwoDiscountPercent}, {@code stepTwoDiscountMinor}, {@code stepTwoDeadlineHours}) offers that instead,
 * ending at its deadline; any other discount ends {@code coupon.validityDays} after it fired. A trigger without
 * discounts keeps its offer.
 */
final class OfferTerms {

  private static final long HOUR = 3_600_000L;

  private OfferTerms() {}

  static Offer apply(UpsellTrigger t, ShopSettings settings, long now) {
    Offer offer = Copies.offer(t.getOffer(), t.getOffer().getProductIds());
    boolean flash = t.getStep() == 2 && settings.setting(t.getType(), "stepTwoDeadlineHours", null) != null;
    String prefix = flash ? "stepTwoDiscount" : "discount";
    long percent = settings.number(t.getType(), prefix + "Percent", 0);
    long amount = settings.number(t.getType(), prefix + "Minor", 0);
    String currency = offer.getCurrency() != null ? offer.getCurrency() : settings.currency();
    if ("A".equals(t.getVariant()) && percent > 0) {
      offer.setDiscountPercent((int) percent);
    } else if ("B".equals(t.getVariant()) && amount > 0 && currency != null) {
      offer.setDiscountMinor(amount);
      offer.setCurrency(currency);
    } else {
      return offer;
    }
    long validFor = flash ? settings.declared(t.getType(), "stepTwoDeadlineHours") * HOUR
        : settings.offerNumber(OfferSetting.COUPON_VALIDITY_DAYS) * 24 * HOUR;
    offer.setExpiresAt(Instant.ofEpochMilli(now + validFor));
    return offer;
  }

  /** The offer with its redeemable code, for a discount that goes to a customer (not the control group). */
  static void issueCode(UpsellTrigger t, ShopSettings settings) {
    Offer offer = t.getOffer();
    if (offer.getDiscountPercent() != null || offer.getDiscountMinor() != null) {
      offer.setCouponCode(CouponCodes.code(settings.couponSecret(), settings.offer(OfferSetting.COUPON_PREFIX),
          (int) settings.offerNumber(OfferSetting.COUPON_LENGTH), t.getShopId(), t.getTriggerId()));
    }
  }
}
