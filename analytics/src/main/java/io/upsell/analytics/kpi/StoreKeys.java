package io.upsell.analytics.kpi;

/**
 * Names and keys of the aggregate stores. Keys start with {@code shopId|} and put the period id next as 12 digits,
 * shifted by {@link #PERIOD_OFFSET} so that periods before 1970 (negative ids) keep their order too: one range scan
 * reads one shop's periods in time order. A period outside the digits' reach (before year -13874 or after 17814)
 * has no key: {@link PeriodOutOfRange}.
 */
public final class StoreKeys {

  /** KPI counters ({@link Measure}) per shop and hour or day; a week or month is read as the sum of its days. */
  public static final String BUCKETS = "kpi-buckets";
  /**
   * Per shop, day and product (its category in the key, {@link ProductKeys}): units sold, gross revenue, units
   * returned, refunds; and refunds no product can be named for.
   */
  public static final String PRODUCTS = "kpi-products";
  /**
   * {@link CurrencyMeasure} counters per shop, hour or day and currency ({@link #currency}) of the orders and refunds
   * in a currency other than the shop's.
   */
  public static final String CURRENCIES = "kpi-currencies";
  /** Upsell funnel ({@link FunnelMeasure}) per shop, day of decision or send, trigger type and variant. */
  public static final String FUNNEL = "upsell-funnel";
  /** Holdout lift ({@link LiftMeasure}) per shop, day the customer entered a group, type, variant and group. */
  public static final String LIFT = "upsell-lift";
  /** Sent, opened, clicked per shop, day and hour of day in the customer's zone. */
  public static final String SEND_HOURS = "upsell-send-hours";
  /** Per customer: what the aggregates need to correct themselves when late events arrive. */
  public static final String CUSTOMERS = "customer-history";
  /** Per customer: the order ids and refund event ids counted, so a repeated one counts once. */
  public static final String COUNTED_ORDERS = "counted-orders";
  /** Marketing spend per shop, day and channel (the latest figure the shop posted). */
  public static final String SPEND = "shop-spend";
  /**
   * Codes the engine issued and the orders that redeemed them ({@code CouponState}), keyed {@link #coupon} (shop and
   * the code's digest): all of a shop's codes lie in the partition of its id, in one key range.
   */
  public static final String COUPONS = "coupons";
  /** Redemptions ({@link CouponMeasure}) per shop, day of the order, trigger type and variant; beside the coupons. */
  public static final String REDEMPTIONS = "coupon-redemptions";
  /** Suffix of the {@link #REDEMPTIONS} key counting orders that named a code no trigger issued. */
  public static final String UNKNOWN_CODE = "unknown-code";
  /** Down-votes of sent messages per shop, day of the down-vote, trigger type and variant: one counter. */
  public static final String DOWNVOTES = "upsell-downvotes";
  /** Shop rules (monthly revenue target), a global table every instance holds. */
  public static final String RULES = "shop-rules";

  public static final char SEP = '|';
  private static final int PERIOD_DIGITS = 12;
  /** Added to a period id before it is written: id 0 (1970-01-01) is written 500000000000. */
  static final long PERIOD_OFFSET = 500_000_000_000L;
  /** The earliest and latest period ids a key can hold. */
  public static final long FIRST_PERIOD = -PERIOD_OFFSET;
  public static final long LAST_PERIOD = 999_999_999_999L - PERIOD_OFFSET;

  /** An event's time lies outside the periods keys can hold: it is refused rather than merged into another period. */
  public static final class PeriodOutOfRange extends IllegalArgumentException {
    PeriodOutOfRange(long periodId) {
      super("period id " + periodId + " s is outside the keys' range [" + FIRST_PERIOD + ", " + LAST_PERIOD + "]");
    }
  }

  private StoreKeys() {}

  public static String bucket(String shopId, Granularity g, long periodId) {
    StringBuilder key = new StringBuilder(shopId.length() + PERIOD_DIGITS + 4).append(shopId).append(SEP)
        .append(g.code()).append(SEP);
    return appendPeriod(key, periodId).toString();
  }

  /**
   * The bucket keys an additive figure of the periods {@link Granularity#periodsOf} gives is written to: the hour's
   * and the day's (weeks and months sum their days).
   */
  public static String[] buckets(String shopId, long[] periodIds) {
    return new String[] {bucket(shopId, Granularity.HOUR, periodIds[Granularity.HOUR.ordinal()]),
        bucket(shopId, Granularity.DAY, periodIds[Granularity.DAY.ordinal()])};
  }

  /** Key of a shop's hour or day counters of another currency: the bucket's key and the ISO code. */
  public static String currency(String bucketKey, String currency) {
    return bucketKey + SEP + currency;
  }

  /** Last key (inclusive) of the currencies of the buckets up to {@code lastPeriodId} (see {@link #currency}). */
  public static String currenciesTo(String shopId, Granularity g, long lastPeriodId) {
    return bucket(shopId, g, lastPeriodId) + SEP + '\uffff';
  }

  /** Key of a shop's day with a suffix (product, funnel group, hour ...). */
  public static String daily(String shopId, long dayId, String suffix) {
    StringBuilder key = new StringBuilder(shopId.length() + PERIOD_DIGITS + suffix.length() + 2).append(shopId)
        .append(SEP);
    return appendPeriod(key, dayId).append(SEP).append(suffix).toString();
  }

  /**
   * Key of a shop's code: codes compare without case or surrounding blanks (as Shopify and WooCommerce take them),
   * so an order naming {@code save-ab12} redeems {@code SAVE-AB12}.
   */
  public static String coupon(String shopId, String code) {
    return shopId + SEP + java.util.HexFormat.of().formatHex(couponDigest(code));
  }

  /**
   * SHA-256 of a code as stored: the store's index compares digests, which a caller guessing codes cannot steer
   * towards a real code's prefix, so how long a lookup takes tells nothing about the codes held.
   */
  public static byte[] couponDigest(String code) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256")
          .digest(couponCode(code).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** First and last key of a shop's codes. */
  public static String couponsFrom(String shopId) {
    return shopId + SEP;
  }

  public static String couponsTo(String shopId) {
    return shopId + SEP + '\uffff';
  }

  /** A code as stored and compared: stripped, upper case. */
  public static String couponCode(String code) {
    return code.strip().toUpperCase(java.util.Locale.ROOT);
  }

  /** First key of a shop's day range (inclusive) for stores keyed by {@link #daily}. */
  public static String dailyFrom(String shopId, long dayId) {
    return shopId + SEP + period(dayId) + SEP;
  }

  /** Last key (inclusive) of days before {@code dayIdExclusive}. */
  public static String dailyTo(String shopId, long dayIdExclusive) {
    return shopId + SEP + period(dayIdExclusive - 1) + SEP + '\uffff';
  }

  /** The parts of a key: e.g. {@code [shop, D, 501291161600]} or {@code [shop, 501291161600, P, 85123A]}. */
  public static String[] parts(String key) {
    return key.split("\\|", -1);
  }

  public static String period(long periodId) {
    return appendPeriod(new StringBuilder(PERIOD_DIGITS), periodId).toString();
  }

  /** The period id written as {@code digits} by {@link #period} (the offset taken off again). */
  public static long periodId(String digits) {
    return Long.parseLong(digits) - PERIOD_OFFSET;
  }

  // Keys are built on every event: the digits go straight into the key, zero-padded, without a string of their own.
  private static StringBuilder appendPeriod(StringBuilder key, long periodId) {
    int start = key.length();
    key.setLength(start + PERIOD_DIGITS);
    if (periodId < FIRST_PERIOD || periodId > LAST_PERIOD) {
      throw new PeriodOutOfRange(periodId);
    }
    long rest = periodId + PERIOD_OFFSET;
    for (int i = PERIOD_DIGITS - 1; i >= 0; i--) {
      key.setCharAt(start + i, (char) ('0' + rest % 10));
      rest /= 10;
    }
    return key;
  }
}
