package io.upsell.notifier.template;

import java.util.List;

/**
 * The offer the engine decided, every part already formatted for one customer (money in the offer's currency and
 * the customer's language, the deadline in their zone). Any part may be absent (null or empty).
 *
 * @param percent the discount in percent, or null
 * @param amount the discount as money, or null
 * @param deadline when the offer (and its code) ends
 * @param priceDifference what the offered plan costs more than the current one per period
 * @param yearlySaving what paying yearly saves against twelve monthly payments
 * @param comparison the offered plan beside the current one, quota by quota
 */
public record OfferView(List<ItemView> items, Integer percent, String amount, String code, String deadline,
    PlanView current, PlanView offered, PlanView alternative, UsageView usage, String priceDifference,
    String yearlySaving, List<QuotaRow> comparison, String course) {

  /** A product the offer names; {@code total} is set when more than one unit is in the cart. */
  public record ItemView(String name, int quantity, String price, String total, String imageUrl) {}

  /** A plan: its name, its price per period and its quotas (e.g. "1,000 GB"). */
  public record PlanView(String name, String price, boolean yearly, List<String> quotas) {}

  /** One resource's quota on the current and the offered plan. */
  public record QuotaRow(String resource, String current, String offered) {}

  /** The usage that prompted a plan offer: "86 of 100 GB". */
  public record UsageView(String used, String quota, String unit) {}

  public static final OfferView NONE =
      new OfferView(List.of(), null, null, null, null, null, null, null, null, null, null, List.of(), null);

  /** Whether the offer carries a discount the message states. */
  public boolean hasDiscount() {
    return percent != null || amount != null;
  }
}
