package io.upsell.analytics.stream;

import io.upsell.analytics.kpi.Granularity;
import io.upsell.analytics.kpi.Measure;
import io.upsell.analytics.kpi.ProductKeys;
import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.shop.OrderCancelled;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.shop.OrderRefunded;
import java.time.ZoneId;

/**
 * An order adds to every period (hour, day, week, month) it was placed in; cancellations and refunds subtract in
 * the period they happened in. Only hours and days are written (weeks and months are their days' sums). A customer counts once per period, is new in the period of their first order and
 * returning after it, so an older order arriving late moves "new" to its own period.
 */
final class OrderAccounting {

  /** Product counters: units sold, gross revenue, units returned, refunds. */
  static final int PRODUCT_COUNTERS = 4;

  private OrderAccounting() {}

  static void placed(OrderPlaced order, ZoneId zone, String shopCurrency, CustomerState state, Contributions out) {
    long at = order.getOccurredAt().toEpochMilli();
    String shop = order.getShopId();
    long[] periods = Granularity.periodsOf(at, zone);
    String[] keys = StoreKeys.buckets(shop, periods);
    boolean foreign = OtherCurrencies.foreign(order.getCurrency(), shopCurrency);
    if (foreign) {
      OtherCurrencies.add(out, keys, order.getCurrency(), Measure.GROSS, order.getTotalMinor());
      OtherCurrencies.add(out, keys, order.getCurrency(), Measure.ORDERS, 1);
    } else {
      shopCurrency(order, shop, periods, keys, out);
    }
    // The customer bought, whatever the currency; the history keeps a foreign order at no value in the shop's
    // currency, so attributed revenue and lift never add its amount either.
    countCustomer(shop, at, periods, keys, zone, state, out);
    state.addOrder(new CustomerState.OrderFact(order.getOrderId(), at, foreign ? 0 : order.getTotalMinor(),
        order.getNotificationId(), order.getChannel(), 0));
  }

  private static void shopCurrency(OrderPlaced order, String shop, long[] periods, String[] keys, Contributions out) {
    long units = 0;
    for (LineItem line : order.getLines()) {
      units += line.getQuantity();
      long[] product = out.counters(StoreKeys.PRODUCTS, productKey(shop, periods[Granularity.DAY.ordinal()], line),
          PRODUCT_COUNTERS);
      product[0] += line.getQuantity();
      product[1] += line.getQuantity() * line.getUnitPriceMinor();
    }
    for (String key : keys) {
      long[] period = out.counters(StoreKeys.BUCKETS, key, Measure.SIZE);
      period[Measure.GROSS.ordinal()] += order.getTotalMinor();
      period[Measure.ORDERS.ordinal()] += 1;
      period[Measure.UNITS.ordinal()] += units;
      period[Measure.grossOf(order.getChannel()).ordinal()] += order.getTotalMinor();
    }
  }

  static void cancelled(OrderCancelled cancel, ZoneId zone, String shopCurrency, CustomerState state,
      Contributions out) {
    Refunds.book(new Refunds.TakeBack(cancel.getShopId(), cancel.getOccurredAt().toEpochMilli(), cancel.getOrderId(),
        cancel.getRefundMinor(), cancel.getLines(), Measure.CANCELLATIONS,
        OtherCurrencies.foreign(cancel.getCurrency(), shopCurrency) ? cancel.getCurrency() : null), zone, state, out);
  }

  static void refunded(OrderRefunded refund, ZoneId zone, String shopCurrency, CustomerState state,
      Contributions out) {
    Refunds.book(new Refunds.TakeBack(refund.getShopId(), refund.getOccurredAt().toEpochMilli(), refund.getOrderId(),
        refund.getRefundMinor(), refund.getLines(), Measure.REFUND_EVENTS,
        OtherCurrencies.foreign(refund.getCurrency(), shopCurrency) ? refund.getCurrency() : null), zone, state, out);
  }

  /** The key of a line's product (and its category) on a day. */
  static String productKey(String shop, long day, LineItem line) {
    return StoreKeys.daily(shop, day, ProductKeys.of(line.getProductId(), line.getCategory()));
  }

  // A customer counts once per period: in the hour's and the day's own bucket, and for a week or month in the
  // day's WEEK_/MONTH_ counters, which the period's sum of days reads. Churn of period p (weeks and months; for hours
  // and days it says little) is customers of p-1 minus those of p retained from p-1: a customer's first order in p
  // is retained if they bought in p-1, and (a late order) makes them retained in p+1 if they already bought there.
  private static void countCustomer(String shop, long at, long[] periodIds, String[] hourAndDay, ZoneId zone,
      CustomerState state, Contributions out) {
    Long first = state.firstOrderAt;
    boolean firstEver = first == null || at < first;
    for (Granularity g : Granularity.LIST) {
      long period = periodIds[g.ordinal()];
      String key = g == Granularity.HOUR ? hourAndDay[0] : hourAndDay[1];
      if (state.addPeriod(g, period)) {
        add(out, key, Measure.of(g, Measure.CUSTOMERS), 1);
        add(out, key, Measure.of(g, firstEver ? Measure.NEW_CUSTOMERS : Measure.RETURNING_CUSTOMERS), 1);
        if (!g.stored()) {
          retained(shop, g, period, state, key, out);
        }
      }
      if (firstEver && first != null) {
        long oldFirst = g.periodOf(first, zone);
        if (oldFirst != period) {
          String oldKey = g.stored() ? StoreKeys.bucket(shop, g, oldFirst)
              : StoreKeys.bucket(shop, Granularity.DAY, Granularity.DAY.periodOf(first, zone));
          add(out, oldKey, Measure.of(g, Measure.NEW_CUSTOMERS), -1);
          add(out, oldKey, Measure.of(g, Measure.RETURNING_CUSTOMERS), 1);
        }
      }
    }
    if (firstEver) {
      state.firstOrderAt = at;
    }
  }

  // A week or month starts at midnight, so its id is also the id of its first day, whose bucket holds p+1's count.
  private static void retained(String shop, Granularity g, long period, CustomerState state, String key,
      Contributions out) {
    var start = Granularity.local(period);
    if (state.hasPeriod(g, Granularity.id(g.previous(start)))) {
      add(out, key, Measure.of(g, Measure.RETAINED), 1);
    }
    long next = Granularity.id(g.next(start));
    if (state.hasPeriod(g, next)) {
      add(out, StoreKeys.bucket(shop, Granularity.DAY, next), Measure.of(g, Measure.RETAINED), 1);
    }
  }

  static void add(Contributions out, String key, Measure measure, long delta) {
    out.add(StoreKeys.BUCKETS, key, measure.ordinal(), Measure.SIZE, delta);
  }
}
