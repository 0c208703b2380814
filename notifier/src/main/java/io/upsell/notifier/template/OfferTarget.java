package io.upsell.notifier.template;

import io.upsell.platform.shops.Storefront;
import io.upsell.platform.shops.Storefront.Page;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where an offer's button leads: the URL the engine decided, else the shop's own page for the trigger type (cart,
 * checkout, product, billing, course) from its storefront, else nowhere, and the message has no button. Never one of
 * our service ports: a button that lands on the notifier helps no customer.
 */
public final class OfferTarget {

  private OfferTarget() {}

  public static Optional<String> of(UpsellTrigger trigger, Storefront storefront) {
    String decided = trigger.getOffer().getUrl();
    if (decided != null && !decided.isBlank()) {
      return Optional.of(decided);
    }
    var offer = trigger.getOffer();
    Map<String, String> values = new HashMap<>();
    if (!offer.getProductIds().isEmpty()) {
      values.put("productId", offer.getProductIds().get(0));
    }
    if (offer.getCourseId() != null) {
      values.put("courseId", offer.getCourseId());
    }
    Optional<String> page = storefront.url(page(trigger), values);
    return page.isPresent() ? page : storefront.baseUrl().map(Object::toString);
  }

  private static Page page(UpsellTrigger trigger) {
    return switch (trigger.getType()) {
      case CART_ABANDONED -> Page.CART;
      case CHECKOUT_ABANDONED -> Page.CHECKOUT;
      case STORAGE_NEAR_FULL, PLAN_LIMIT_HIT, SUBSCRIPTION_EXPIRING -> Page.BILLING;
      case COURSE_COMPLETED -> Page.COURSE;
      case POST_PURCHASE_CROSS_SELL, FREQUENTLY_BOUGHT_TOGETHER, REPLENISHMENT_DUE, WIN_BACK, PRODUCT_UPGRADE ->
          Page.PRODUCT;
    };
  }
}
