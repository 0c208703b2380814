package io.upsell.analytics.query;

import static io.upsell.analytics.kpi.Counters.get;

import io.upsell.analytics.kpi.Measure;
import io.upsell.schemas.shop.SalesChannel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One period of the KPI answer. Money in minor units; rates are fractions (0.25 = 25%) rounded to 4 places and
 * null when their denominator is zero. AOV is gross revenue per order; CLV is the mean lifetime net revenue of
 * the customers acquired up to the end of the period. Churn (customers of the previous period who bought nothing in
 * this one) is counted for weeks and months only: for hours and days {@code churnedCustomers} and {@code churnRate}
 * are null (a day without an order says little about a customer leaving), and so is the rate of a period after one
 * without customers. Spend, CAC and ROAS cover the whole period, like its revenue, also when the range ends inside
 * it. Revenue by channel is net: each refund is taken from the channel of the order it names; refunds of orders
 * not known here are shown under {@code unknown} in refunds by channel (so the channels' revenue minus those equals
 * net revenue). Orders, cancellations and refunds in a currency other than the shop's are not in any money figure,
 * order count or AOV: {@code otherCurrencies} holds them per ISO code (empty when there were none); their customers
 * count as customers. {@code growth} compares the period with the one before and the same one a year before
 * ({@link Growth}); {@code targetMinor} is the monthly target, or its share for a day or week ({@link Targets}).
 */
public record KpiRow(String start, long grossRevenueMinor, long refundsMinor, long netRevenueMinor, long orders,
    long cancellations, long units, long customers, long newCustomers, long returningCustomers, Long aovMinor,
    Double repeatCustomerRate, Long revenuePerCustomerMinor, Long clvMinor, Long churnedCustomers, Double churnRate,
    long sessions, long convertedSessions, Double conversionRate, long carts, Double cartAbandonmentRate,
    long checkouts, Double checkoutAbandonmentRate, Map<String, Long> revenueByChannelMinor,
    Map<String, Long> refundsByChannelMinor, long spendMinor,
    Long cacMinor, Double roas, Long targetMinor, Double targetProgress,
    Map<String, CurrencyFigures> otherCurrencies, Growth growth) {

  /** Row from a period's counters plus what lies outside them (previous period, history, spend, target). */
  static KpiRow of(String start, long[] c, long previousCustomers, boolean churnCounted, long[] lifetime, long spend,
      Long target, Map<String, CurrencyFigures> otherCurrencies, Growth growth) {
    long gross = get(c, Measure.GROSS.ordinal());
    long net = gross - get(c, Measure.REFUNDS.ordinal());
    long orders = get(c, Measure.ORDERS.ordinal());
    long customers = get(c, Measure.CUSTOMERS.ordinal());
    long newCustomers = get(c, Measure.NEW_CUSTOMERS.ordinal());
    long sessions = get(c, Measure.SESSIONS.ordinal());
    long carts = get(c, Measure.CARTS.ordinal());
    long checkouts = get(c, Measure.CHECKOUTS.ordinal());
    Long churned = churnCounted ? previousCustomers - get(c, Measure.RETAINED.ordinal()) : null;
    Map<String, Long> channels = new LinkedHashMap<>();
    Map<String, Long> channelRefunds = new LinkedHashMap<>();
    for (SalesChannel channel : SalesChannel.values()) {
      long refunds = get(c, Measure.refundsOf(channel).ordinal());
      channels.put(channel.name().toLowerCase(Locale.ROOT), get(c, Measure.grossOf(channel).ordinal()) - refunds);
      channelRefunds.put(channel.name().toLowerCase(Locale.ROOT), refunds);
    }
    channelRefunds.put("unknown", get(c, Measure.REFUNDS_UNKNOWN_CHANNEL.ordinal()));
    return new KpiRow(start, gross, get(c, Measure.REFUNDS.ordinal()), net, orders,
        get(c, Measure.CANCELLATIONS.ordinal()), get(c, Measure.UNITS.ordinal()), customers, newCustomers,
        get(c, Measure.RETURNING_CUSTOMERS.ordinal()), divide(gross, orders),
        rate(get(c, Measure.RETURNING_CUSTOMERS.ordinal()), customers), divide(net, customers),
        divide(lifetime[0], lifetime[1]), churned, churned == null ? null : rate(churned, previousCustomers), sessions,
        get(c, Measure.CONVERTED_SESSIONS.ordinal()), rate(get(c, Measure.CONVERTED_SESSIONS.ordinal()), sessions),
        carts, abandonment(get(c, Measure.CONVERTED_CARTS.ordinal()), carts), checkouts,
        abandonment(get(c, Measure.CONVERTED_CHECKOUTS.ordinal()), checkouts), channels, channelRefunds, spend,
        spend == 0 ? null : divide(spend, newCustomers), spend == 0 ? null : ratio(net, spend), target,
        target == null || target == 0 ? null : ratio(net, target), otherCurrencies, growth);
  }

  /** {@code a / b} in minor units, half up; null when {@code b} is zero. */
  public static Long divide(long a, long b) {
    return b == 0 ? null : BigDecimal.valueOf(a).divide(BigDecimal.valueOf(b), 0, RoundingMode.HALF_UP).longValue();
  }

  public static Double rate(long part, long whole) {
    return whole == 0 ? null : ratio(part, whole);
  }

  static Double ratio(long a, long b) {
    return BigDecimal.valueOf(a).divide(BigDecimal.valueOf(b), 4, RoundingMode.HALF_UP).doubleValue();
  }

  private static Double abandonment(long converted, long started) {
    return started == 0 ? null : ratio(started - converted, started);
  }
}
