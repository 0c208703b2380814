package io.upsell.analytics.api;

import io.upsell.analytics.query.CouponView;
import java.math.BigDecimal;

/** The rows of a shop's code export: JSON as documented, and CSV for bulk import into a shop platform. */
final class CouponRows {

  private CouponRows() {}

  /** One code of the JSON export. */
  record Issued(String code, String customerId, String triggerId, CouponView.Discount discount, String expiresAt,
      String redeemedAt) {

    static Issued of(CouponView view) {
      return new Issued(view.code(), view.customerId(), view.triggerId(), view.discount(), view.expiresAt(),
          view.redeemedAt());
    }
  }

  /**
   * One code of the CSV export. Columns are named after WooCommerce's coupon fields ({@code code}, {@code
   * discount_type} percent or fixed_cart, {@code amount} in major units, {@code date_expires_gmt}, {@code
   * usage_limit}), which its importers map one to one; Shopify's bulk code import reads the {@code code} column (the
   * amount belongs to the discount the codes are added to). The rest says whom and what a code was for.
   */
  record Importable(String code, String discount_type, BigDecimal amount, String currency, String date_expires_gmt,
      int usage_limit, String customer_id, String trigger_id, String redeemed_at) {

    static Importable of(CouponView view) {
      CouponView.Discount d = view.discount();
      boolean percent = d.percent() != null;
      return new Importable(view.code(), percent ? "percent" : "fixed_cart",
          percent ? BigDecimal.valueOf(d.percent()) : major(d.amountMinor(), d.currency()),
          percent ? null : d.currency(),
          view.expiresAt(), 1, view.customerId(), view.triggerId(), view.redeemedAt());
    }
  }

  // Minor units to the decimal amount a shop platform takes: 1250 GBP is 12.50, 500 JPY is 500.
  static BigDecimal major(Long minor, String currency) {
    return minor == null ? null : BigDecimal.valueOf(minor, Table.fractionDigits(currency));
  }
}
