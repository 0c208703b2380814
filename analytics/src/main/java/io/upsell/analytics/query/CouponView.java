package io.upsell.analytics.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.upsell.schemas.analytics.CouponIssue;
import io.upsell.schemas.analytics.CouponRedemption;
import io.upsell.schemas.analytics.CouponState;
import java.time.Instant;

/**
 * A code as a shop's checkout sees it: whom it was issued to, by which trigger and variant, worth what, valid from
 * when until when, and the order that redeemed it (saying when that order's customer is not the code's).
 */
public record CouponView(String code, String customerId, String triggerId, String triggerType, String variant,
    Discount discount, String issuedAt, String expiresAt, String redeemedAt, Redemption redemption) {

  /** A percentage off, or an amount off in minor units of its currency: only the fields of the one it is. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Discount(Integer percent, Long amountMinor, String currency) {}

  /** The order that redeemed the code. */
  public record Redemption(String orderId, String customerId, String redeemedAt, long orderTotalMinor,
      String currency, boolean byOtherCustomer) {}

  static CouponView of(CouponState state) {
    CouponIssue issue = state.getIssue();
    CouponRedemption r = state.getRedemption();
    Redemption redemption = r == null ? null : new Redemption(r.getOrderId(), r.getCustomerId(),
        r.getRedeemedAt().toString(), r.getNetMinor(), r.getCurrency(),
        !r.getCustomerId().equals(issue.getCustomerId()));
    return new CouponView(state.getCode(), issue.getCustomerId(), issue.getTriggerId(), issue.getTriggerType(),
        issue.getVariant(), discount(issue), issue.getIssuedAt().toString(), text(issue.getExpiresAt()),
        r == null ? null : r.getRedeemedAt().toString(), redemption);
  }

  static Discount discount(CouponIssue issue) {
    return issue.getDiscountPercent() != null ? new Discount(issue.getDiscountPercent(), null, null)
        : new Discount(null, issue.getDiscountMinor(), issue.getCurrency());
  }

  static String text(Instant at) {
    return at == null ? null : at.toString();
  }
}
