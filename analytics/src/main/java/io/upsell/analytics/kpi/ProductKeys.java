package io.upsell.analytics.kpi;

import java.util.HashMap;
import java.util.Map;

/**
 * A product's day counters (units sold, gross revenue, units returned, refunds) are kept under a key naming its
 * category too, {@code P|<category length>:<category><product id>}, so an order line is one store write for both;
 * categories are summed from their products when read. {@code R|} holds refunds no product can be named for.
 */
public final class ProductKeys {

  public static final String UNALLOCATED = "R|";
  private static final String PRODUCT = "P|";
  private static final String CATEGORY = "C|";
  private static final String UNCATEGORISED = "uncategorised";

  private ProductKeys() {}

  /** The key suffix (after shop and day) of a product sold in a category (null: uncategorised). */
  public static String of(String productId, String category) {
    String named = category == null ? UNCATEGORISED : category;
    return PRODUCT + named.length() + ':' + named + productId;
  }

  /**
   * Day entries of the product store summed per seller: {@code P|<product id>}, {@code C|<category>} and
   * {@link #UNALLOCATED}; a suffix of another form is summed as it is.
   */
  public static Map<String, long[]> sellers(Map<String, long[]> entries) {
    Map<String, long[]> sums = new HashMap<>();
    entries.forEach((key, counters) -> {
      String suffix = key.split("\\|", 3)[2];
      int colon = suffix.indexOf(':');
      int length = colon > PRODUCT.length() && suffix.startsWith(PRODUCT) ? digits(suffix, colon) : -1;
      if (length < 0 || colon + 1 + length > suffix.length()) {
        sums.merge(suffix, counters, Counters::plus);
        return;
      }
      String category = suffix.substring(colon + 1, colon + 1 + length);
      sums.merge(PRODUCT + suffix.substring(colon + 1 + length), counters, Counters::plus);
      sums.merge(CATEGORY + category, counters, Counters::plus);
    });
    return sums;
  }

  private static int digits(String suffix, int colon) {
    try {
      return Integer.parseInt(suffix.substring(PRODUCT.length(), colon));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
