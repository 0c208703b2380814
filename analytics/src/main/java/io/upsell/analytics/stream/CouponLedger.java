package io.upsell.analytics.stream;

import io.upsell.analytics.kpi.CouponMeasure;
import io.upsell.analytics.kpi.Granularity;
import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.schemas.analytics.CouponRedemption;
import io.upsell.schemas.analytics.CouponState;
import java.time.ZoneId;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * A code is redeemed by the earliest order naming it, once a trigger issued it: per shop and code the store keeps the
 * issue and that order, whichever came first, and every other order naming the code counts as an attempt (on a code
 * already redeemed, or on one never issued), never as an error. What the redemption contributes (redeemed, revenue,
 * by another customer; or an unknown code) follows from the stored state, so a late issue or an earlier order
 * corrects the counts.
 */
final class CouponLedger implements Processor<String, CouponState, Void, Void> {

  private static final Logger LOG = Logger.getLogger(CouponLedger.class);

  private final AnalyticsSettings settings;
  private KeyValueStore<String, CouponState> coupons;
  private CounterStores counters;

  CouponLedger(AnalyticsSettings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    coupons = context.getStateStore(StoreKeys.COUPONS);
    counters = new CounterStores(context, List.of(StoreKeys.REDEMPTIONS));
  }

  @Override
  public void process(Record<String, CouponState> record) {
    String shop = record.key();
    CouponState event = record.value();
    if (shop == null || event == null) {
      return;
    }
    String key = StoreKeys.coupon(shop, event.getCode());
    CouponState current = coupons.get(key);
    // A shallow copy: the parts are replaced, never changed (Avro's deep copy goes through its global SpecificData).
    CouponState next = current == null ? new CouponState(event.getCode(), null, null)
        : new CouponState(current.getCode(), current.getIssue(), current.getRedemption());
    ZoneId zone = settings.zone(shop);
    try {
      Contributions out = new Contributions();
      out.addAll(counted(shop, zone, next), -1);
      if (next.getIssue() == null && event.getIssue() != null) {
        next.setIssue(event.getIssue());
      }
      if (event.getRedemption() != null) {
        redeem(shop, zone, next, event.getRedemption(), out);
      }
      out.addAll(counted(shop, zone, next), 1);
      out.writeTo(counters);
    } catch (StoreKeys.PeriodOutOfRange e) {
      LOG.warnf("refused a code event of shop %s dated outside the periods stored (%s)", shop, e.getMessage());
      return;
    }
    if (current == null || next.getIssue() != current.getIssue() || next.getRedemption() != current.getRedemption()) {
      coupons.put(key, next);
    }
  }

  // First redemption wins: the earlier order by its own time; the other one is an attempt. A repeated order is no news.
  private static void redeem(String shop, ZoneId zone, CouponState state, CouponRedemption order,
      Contributions out) {
    CouponRedemption held = state.getRedemption();
    if (held == null) {
      state.setRedemption(order);
      return;
    }
    if (held.getOrderId().equals(order.getOrderId())) {
      return;
    }
    CouponRedemption later = order;
    if (order.getRedeemedAt().isBefore(held.getRedeemedAt())) {
      state.setRedemption(order);
      later = held;
    }
    boolean issued = state.getIssue() != null;
    out.add(StoreKeys.REDEMPTIONS, key(shop, zone, state, later),
        (issued ? CouponMeasure.ALREADY_REDEEMED : CouponMeasure.UNKNOWN_CODE).ordinal(), CouponMeasure.SIZE, 1);
  }

  /** What a code's state adds to the counters: its redemption, by trigger type and variant, or an unknown code. */
  static Contributions counted(String shop, ZoneId zone, CouponState state) {
    Contributions out = new Contributions();
    CouponRedemption r = state.getRedemption();
    if (r == null) {
      return out;
    }
    String key = key(shop, zone, state, r);
    if (state.getIssue() == null) {
      out.add(StoreKeys.REDEMPTIONS, key, CouponMeasure.UNKNOWN_CODE.ordinal(), CouponMeasure.SIZE, 1);
      return out;
    }
    out.add(StoreKeys.REDEMPTIONS, key, CouponMeasure.REDEEMED.ordinal(), CouponMeasure.SIZE, 1);
    out.add(StoreKeys.REDEMPTIONS, key, CouponMeasure.REDEEMED_REVENUE.ordinal(), CouponMeasure.SIZE, r.getNetMinor());
    boolean other = !state.getIssue().getCustomerId().equals(r.getCustomerId());
    out.add(StoreKeys.REDEMPTIONS, key, CouponMeasure.BY_OTHER_CUSTOMER.ordinal(), CouponMeasure.SIZE, other ? 1 : 0);
    return out;
  }

  private static String key(String shop, ZoneId zone, CouponState state, CouponRedemption order) {
    long day = Granularity.DAY.periodOf(order.getRedeemedAt().toEpochMilli(), zone);
    String group = state.getIssue() == null ? StoreKeys.UNKNOWN_CODE
        : state.getIssue().getTriggerType() + StoreKeys.SEP + state.getIssue().getVariant();
    return StoreKeys.daily(shop, day, group);
  }
}
