package io.upsell.analytics.query;

import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.schemas.analytics.CouponState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A shop's codes, answered by the instance that owns the shop's partition of the coupons: here, or the owner is named
 * so the request can be sent on to it (once: a request sent on that finds the partition gone answers 503).
 */
public final class CouponQuery {

  private final ShopStores stores;
  private final StoreRanges ranges;
  private final Clock clock;

  public CouponQuery(ShopStores stores, StoreRanges ranges, Clock clock) {
    this.stores = stores;
    this.ranges = ranges;
    this.clock = clock;
  }

  /** Answered here ({@code value}), or to be asked of the instance named {@code owner} (then value is null). */
  public record Answer<T>(T value, HostInfo owner) {

    public boolean elsewhere() {
      return owner != null;
    }
  }

  /** Whether {@code code} is valid now; see {@link CouponLookup} for why unknown and known codes cost the same. */
  public Answer<CouponLookup.Verdict> lookup(String shopId, String code, boolean forwarded) {
    return onOwner(shopId, forwarded, coupons -> CouponLookup.of(coupons, shopId, code, clock.instant()));
  }

  /** The codes issued at or after {@code since}, oldest first. */
  public Answer<List<CouponView>> issuedSince(String shopId, Instant since, boolean forwarded) {
    return onOwner(shopId, forwarded, coupons -> {
      List<CouponState> issued = new ArrayList<>();
      try (KeyValueIterator<String, CouponState> it = coupons.range(StoreKeys.couponsFrom(shopId),
          StoreKeys.couponsTo(shopId))) {
        it.forEachRemaining(entry -> {
          if (entry.value.getIssue() != null && !entry.value.getIssue().getIssuedAt().isBefore(since)) {
            issued.add(entry.value);
          }
        });
      }
      return issued.stream().sorted(Comparator.comparing((CouponState s) -> s.getIssue().getIssuedAt())
          .thenComparing(CouponState::getCode)).map(CouponView::of).toList();
    });
  }

  private <T> Answer<T> onOwner(String shopId, boolean forwarded,
      Function<ReadOnlyKeyValueStore<String, CouponState>, T> read) {
    return ranges.retrying(() -> {
      ShopStores.Owner owner = stores.owner(StoreKeys.COUPONS, shopId);
      Optional<ReadOnlyKeyValueStore<String, CouponState>> here = stores.local(StoreKeys.COUPONS, owner.partition());
      if (here.isPresent()) {
        return new Answer<>(read.apply(here.get()), null);
      }
      if (forwarded) {
        throw new StoreRanges.NotReady("the shop's codes are not active on the instance the request was sent to");
      }
      return new Answer<>(null, owner.host());
    });
  }
}
