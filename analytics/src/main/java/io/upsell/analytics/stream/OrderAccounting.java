package io.upsell.analytics.stream;

import io.upsell.analytics.kpi.Granularity;
import io.upsell.analytics.kpi.Measure;
import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.shop.OrderCancelled;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.shop.OrderRefunded;
import java.time.ZoneId;
import java.util.TreeSet;

/**
 * An order adds to every period (hour, day, week, month) it was placed in; cancellations and refunds subtract in
 * the period they happened in. A customer counts once per period, is new in the period of their first order and
 * returning after it, so an older order arriving late moves "new" to its own period.
 */
final class OrderAccounting {

  private static final String UNCATEGORISED = "uncategorised";
  /** Product counters: units sold, gross revenue, units returned, refunds. */
  static final int PRODUCT_COUNTERS = 4;

  private OrderAccounting() {}

  static void placed(OrderPlaced order, ZoneId zone, CustomerState state, Contributions out) {
    long at = order.getOccurredAt().toEpochMilli();
    String shop = order.getShopId();
    long units = 0;
    long day = Granularity.DAY.periodOf(at, zone);
    for (LineItem line : order.getLines()) {
      units += line.getQuantity();
      long revenue = line.getQuantity() * line.getUnitPriceMinor();
      for (String key : productKeys(shop, day, line)) {
        out.add(StoreKeys.PRODUCTS, key, 0, PRODUCT_COUNTERS, line.getQuantity());
        out.add(StoreKeys.PRODUCTS, key, 1, PRODUCT_COUNTERS, revenue);
      }
    }
    for (Granularity g : Granularity.values()) {
      String key = StoreKeys.bucket(shop, g, g.periodOf(at, zone));
      add(out, key, Measure.GROSS, order.getTotalMinor());
      add(out, key, Measure.ORDERS, 1);
      add(out, key, Measure.UNITS, units);
      add(out, key, Measure.grossOf(order.getChannel()), order.getTotalMinor());
    }
    countCustomer(shop, at, zone, state, out);
    state.addOrder(new CustomerState.OrderFact(order.getOrderId(), at, order.getTotalMinor(),
        order.getNotificationId(), order.getChannel().name(), 0));
  }

  static void cancelled(OrderCancelled cancel, ZoneId zone, CustomerState state, Contributions out) {
    Refunds.book(new Refunds.TakeBack(cancel.getShopId(), cancel.getOccurredAt().toEpochMilli(), cancel.getOrderId(),
        cancel.getRefundMinor(), cancel.getLines(), Measure.CANCELLATIONS), zone, state, out);
  }

  static void refunded(OrderRefunded refund, ZoneId zone, CustomerState state, Contributions out) {
    Refunds.book(new Refunds.TakeBack(refund.getShopId(), refund.getOccurredAt().toEpochMilli(), refund.getOrderId(),
        refund.getRefundMinor(), refund.getLines(), Measure.REFUND_EVENTS), zone, state, out);
  }

  /** The product and the category key of a line on a day. */
  static String[] productKeys(String shop, long day, LineItem line) {
    String category = line.getCategory() == null ? UNCATEGORISED : line.getCategory();
    return new String[] {StoreKeys.daily(shop, day, "P|" + line.getProductId()),
        StoreKeys.daily(shop, day, "C|" + category)};
  }

  // Churn of period p (weeks and months; for hours and days it says little) is customers of p-1 minus those of p
  // retained from p-1: a customer's first order in p is retained if they bought in p-1, and (a late order) makes
  // them retained in p+1 if they already bought there.
  private static void countCustomer(String shop, long at, ZoneId zone, CustomerState state, Contributions out) {
    Long first = state.firstOrderAt;
    boolean firstEver = first == null || at < first;
    for (Granularity g : Granularity.values()) {
      TreeSet<Long> periods = state.periodSet(g.code());
      long period = g.periodOf(at, zone);
      String key = StoreKeys.bucket(shop, g, period);
      if (periods.add(period)) {
        add(out, key, Measure.CUSTOMERS, 1);
        add(out, key, firstEver ? Measure.NEW_CUSTOMERS : Measure.RETURNING_CUSTOMERS, 1);
        if (g == Granularity.WEEK || g == Granularity.MONTH) {
          retained(shop, g, period, periods, key, out);
        }
      }
      if (firstEver && first != null) {
        long oldFirst = g.periodOf(first, zone);
        if (oldFirst != period) {
          add(out, StoreKeys.bucket(shop, g, oldFirst), Measure.NEW_CUSTOMERS, -1);
          add(out, StoreKeys.bucket(shop, g, oldFirst), Measure.RETURNING_CUSTOMERS, 1);
        }
      }
    }
    if (firstEver) {
      state.firstOrderAt = at;
    }
  }

  private static void retained(String shop, Granularity g, long period, TreeSet<Long> periods, String key,
      Contributions out) {
    var start = Granularity.local(period);
    if (periods.contains(Granularity.id(g.previous(start)))) {
      add(out, key, Measure.RETAINED, 1);
    }
    long next = Granularity.id(g.next(start));
    if (periods.contains(next)) {
      add(out, StoreKeys.bucket(shop, g, next), Measure.RETAINED, 1);
    }
  }

  static void add(Contributions out, String key, Measure measure, long delta) {
    out.add(StoreKeys.BUCKETS, key, measure.ordinal(), Measure.SIZE, delta);
  }
}
