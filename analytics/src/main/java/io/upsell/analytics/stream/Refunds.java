package io.upsell.analytics.stream;

import io.upsell.analytics.kpi.Granularity;
import io.upsell.analytics.kpi.Measure;
import io.upsell.analytics.kpi.ProductKeys;
import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.shop.SalesChannel;
import java.math.BigInteger;
import java.time.ZoneId;
import java.util.List;

/**
 * A cancellation or refund takes its amount back, in the period it happened, from the shop, from the channel of
 * the order it names (or "unknown channel" when that order is not remembered), and from the products and
 * categories of its lines: the amount is spread over the lines in proportion to their value, to the cent, so the
 * products' refunds add up to the refund. Without lines it is booked as refunds no product can be named for.
 */
final class Refunds {

  private Refunds() {}

  /**
   * One money-back event: a cancellation counts in {@code count} CANCELLATIONS, a refund in REFUND_EVENTS;
   * {@code otherCurrency} names its currency when that is not the shop's (else null).
   */
  record TakeBack(String shop, long at, String orderId, long amountMinor, List<LineItem> lines, Measure count,
      String otherCurrency) {}

  static void book(TakeBack back, ZoneId zone, CustomerState state, Contributions out) {
    if (back.otherCurrency() != null) {
      String[] keys = StoreKeys.buckets(back.shop(), Granularity.periodsOf(back.at(), zone));
      OtherCurrencies.add(out, keys, back.otherCurrency(), Measure.REFUNDS, back.amountMinor());
      OtherCurrencies.add(out, keys, back.otherCurrency(), back.count(), 1);
      return;
    }
    int index = state.orderIndex(back.orderId());
    SalesChannel channel = null;
    if (index >= 0) {
      CustomerState.OrderFact order = state.orders.get(index);
      channel = order.channel() == null ? SalesChannel.DIRECT : order.channel();
      state.orders.set(index, order.refunded(back.amountMinor()));
    }
    long[] periods = Granularity.periodsOf(back.at(), zone);
    for (String key : StoreKeys.buckets(back.shop(), periods)) {
      OrderAccounting.add(out, key, Measure.REFUNDS, back.amountMinor());
      OrderAccounting.add(out, key, back.count(), 1);
      OrderAccounting.add(out, key, Measure.refundsOf(channel), back.amountMinor());
    }
    products(back, periods[Granularity.DAY.ordinal()], out);
  }

  private static void products(TakeBack back, long day, Contributions out) {
    long[] shares = shares(back.amountMinor(), back.lines());
    if (shares == null) {
      out.add(StoreKeys.PRODUCTS, StoreKeys.daily(back.shop(), day, ProductKeys.UNALLOCATED), 3,
          OrderAccounting.PRODUCT_COUNTERS, back.amountMinor());
      return;
    }
    for (int i = 0; i < shares.length; i++) {
      LineItem line = back.lines().get(i);
      String key = OrderAccounting.productKey(back.shop(), day, line);
      out.add(StoreKeys.PRODUCTS, key, 2, OrderAccounting.PRODUCT_COUNTERS, line.getQuantity());
      out.add(StoreKeys.PRODUCTS, key, 3, OrderAccounting.PRODUCT_COUNTERS, shares[i]);
    }
  }

  /** {@code amount} split over the lines by value, largest remainders first; null when the lines have no value. */
  static long[] shares(long amount, List<LineItem> lines) {
    BigInteger[] weights = new BigInteger[lines.size()];
    BigInteger total = BigInteger.ZERO;
    for (int i = 0; i < weights.length; i++) {
      LineItem line = lines.get(i);
      weights[i] = BigInteger.valueOf(Math.max(0, line.getQuantity() * line.getUnitPriceMinor()));
      total = total.add(weights[i]);
    }
    if (total.signum() == 0) {
      return null;
    }
    long[] shares = new long[weights.length];
    BigInteger[] remainders = new BigInteger[weights.length];
    long left = amount;
    for (int i = 0; i < weights.length; i++) {
      BigInteger[] division = BigInteger.valueOf(amount).multiply(weights[i]).divideAndRemainder(total);
      shares[i] = division[0].longValueExact();
      remainders[i] = division[1];
      left -= shares[i];
    }
    // The cents lost to rounding down go one each to the lines that lost most (earliest line on ties).
    for (; left > 0; left--) {
      int best = 0;
      for (int i = 1; i < weights.length; i++) {
        if (remainders[i].compareTo(remainders[best]) > 0) {
          best = i;
        }
      }
      shares[best]++;
      remainders[best] = BigInteger.valueOf(-1);
    }
    return shares;
  }
}
