package io.upsell.analytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.schemas.analytics.CouponIssue;
import io.upsell.schemas.analytics.CouponState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;

/** A code's verdict at a given instant, and the work a lookup does for known and unknown codes. */
class CouponLookupTest {

  private static final String SHOP = "shop-l";
  private static final Instant ISSUED = Instant.parse("2025-03-03T10:00:00Z");
  private static final Instant DEADLINE = Instant.parse("2025-03-04T10:00:00Z");

  private final RecordingStore store = new RecordingStore();

  @Test
  void aCodeIsValidUntilItsDeadlineAndExpiredFromIt() {
    store.put(issued("SAVE-1"));

    assertThat(CouponLookup.of(store, SHOP, "SAVE-1", DEADLINE.minusMillis(1)).status())
        .isEqualTo(CouponLookup.Status.VALID);
    assertThat(CouponLookup.of(store, SHOP, "save-1", DEADLINE).status()).isEqualTo(CouponLookup.Status.EXPIRED);
  }

  @Test
  void anUnknownCodeIsLookedUpWithTheSameStoreReadAndWorkAsAKnownOne() {
    store.put(issued("KNOWN-12"));

    CouponLookup.Verdict known = CouponLookup.of(store, SHOP, "KNOWN-12", ISSUED);
    List<String> knownReads = store.takeReads();
    CouponLookup.Verdict unknown = CouponLookup.of(store, SHOP, "NOPE-123", ISSUED);
    List<String> unknownReads = store.takeReads();

    assertThat(known.status()).isEqualTo(CouponLookup.Status.VALID);
    assertThat(unknown.status()).isEqualTo(CouponLookup.Status.UNKNOWN);
    // One point read each, of a key of the same shape (the shop and a 64-digit digest), and nothing else.
    assertThat(knownReads).hasSize(1);
    assertThat(unknownReads).hasSize(1);
    assertThat(unknownReads.get(0)).hasSameSizeAs(knownReads.get(0)).startsWith("get " + SHOP + "|");
    // The verdict and view are made for the unknown code too (of the placeholder), not skipped.
    assertThat(unknown.coupon()).isNotNull();
  }

  @Test
  void aCodeAnOrderNamedButNoTriggerIssuedIsUnknown() {
    store.put(new CouponState("ORDER-ONLY", null, null));

    assertThat(CouponLookup.of(store, SHOP, "ORDER-ONLY", ISSUED).status()).isEqualTo(CouponLookup.Status.UNKNOWN);
  }

  private static CouponState issued(String code) {
    return new CouponState(code, CouponIssue.newBuilder().setCustomerId("c1").setTriggerId("t1")
        .setTriggerType("CART_ABANDONED").setVariant("A").setDiscountPercent(10).setDiscountMinor(null)
        .setCurrency(null).setIssuedAt(ISSUED).setExpiresAt(DEADLINE).build(), null);
  }

  /** A store that logs each read with its key. */
  private static final class RecordingStore implements ReadOnlyKeyValueStore<String, CouponState> {
    private final Map<String, CouponState> entries = new HashMap<>();
    private final List<String> reads = new ArrayList<>();

    void put(CouponState state) {
      entries.put(StoreKeys.coupon(SHOP, state.getCode()), state);
    }

    List<String> takeReads() {
      List<String> taken = List.copyOf(reads);
      reads.clear();
      return taken;
    }

    @Override
    public CouponState get(String key) {
      reads.add("get " + key);
      return entries.get(key);
    }

    @Override
    public KeyValueIterator<String, CouponState> range(String from, String to) {
      reads.add("range " + from + " " + to);
      throw new UnsupportedOperationException("a lookup reads one key");
    }

    @Override
    public KeyValueIterator<String, CouponState> all() {
      reads.add("all");
      throw new UnsupportedOperationException("a lookup reads one key");
    }

    @Override
    public long approximateNumEntries() {
      reads.add("count");
      return entries.size();
    }
  }
}
