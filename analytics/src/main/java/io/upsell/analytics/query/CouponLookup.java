package io.upsell.analytics.query;

import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.schemas.analytics.CouponIssue;
import io.upsell.schemas.analytics.CouponState;
import java.security.MessageDigest;
import java.time.Instant;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Whether a code is valid now, with the same work whether the shop issued it or not, so the time of an answer does
 * not tell a guesser which codes exist: one store read under the code's digest (keys compare digests, not codes),
 * one constant-time comparison of the digests of the code asked for and the code read, one verdict and one view,
 * made of a placeholder of the same shape when nothing issued was found. Only the chosen status differs.
 */
public final class CouponLookup {

  /** What a lookup answers; the status of a placeholder is always UNKNOWN. */
  public enum Status {
    VALID,
    EXPIRED,
    REDEEMED,
    UNKNOWN
  }

  /** The status and the code's view (a placeholder's when UNKNOWN: not to be shown). */
  public record Verdict(Status status, CouponView coupon) {}

  // A code no normalized code can equal (a control character), issued with no deadline, never redeemed.
  private static final CouponState PLACEHOLDER = new CouponState("\u0000", CouponIssue.newBuilder()
      .setCustomerId("").setTriggerId("").setTriggerType("").setVariant("").setDiscountPercent(0)
      .setDiscountMinor(null).setCurrency(null).setIssuedAt(Instant.EPOCH).setExpiresAt(Instant.EPOCH).build(), null);

  private CouponLookup() {}

  public static Verdict of(ReadOnlyKeyValueStore<String, CouponState> coupons, String shopId, String code,
      Instant now) {
    byte[] wanted = StoreKeys.couponDigest(code);
    CouponState found = coupons.get(StoreKeys.coupon(shopId, code));
    boolean issued = found != null && found.getIssue() != null;
    CouponState state = issued ? found : PLACEHOLDER;
    boolean same = MessageDigest.isEqual(wanted, StoreKeys.couponDigest(state.getCode()));
    Instant expiresAt = state.getIssue().getExpiresAt();
    boolean expired = expiresAt != null && !now.isBefore(expiresAt);
    boolean redeemed = state.getRedemption() != null;
    CouponView view = CouponView.of(state);
    Status status = !(issued & same) ? Status.UNKNOWN
        : redeemed ? Status.REDEEMED : expired ? Status.EXPIRED : Status.VALID;
    return new Verdict(status, view);
  }
}
