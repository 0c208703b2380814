package io.upsell.notifier.delivery;

import io.upsell.notifier.NotifierConfig;
import io.upsell.notifier.customer.Catalog;
import io.upsell.notifier.template.MessageModel;
import io.upsell.notifier.template.MessageModel.Item;
import io.upsell.notifier.template.MessageModel.Offer;
import io.upsell.notifier.tracking.DeliveryRef;
import io.upsell.notifier.tracking.Links;
import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a trigger into what the message says: the customer's name and language, the offered items as the catalog
 * knows them (name, image, price in the customer's language), the offer, and signed links. Items the catalog does
 * not know are left out rather than shown without a name.
 */
@ApplicationScoped
public class MessageComposer {

  private final Catalog catalog;
  private final Links links;
  private final NotifierConfig config;

  public MessageComposer(Catalog catalog, Links links, NotifierConfig config) {
    this.catalog = catalog;
    this.links = links;
    this.config = config;
  }

  /** Our two languages; anything else reads English. */
  public static String language(Optional<CustomerProfile> profile) {
    String tag = profile.map(CustomerProfile::getLocale).orElse("en");
    return tag.toLowerCase(Locale.ROOT).startsWith("ar") ? "ar" : "en";
  }

  public MessageModel compose(UpsellTrigger trigger, Optional<CustomerProfile> profile, String shopName,
      DeliveryRef ref) {
    String locale = ref.locale();
    List<Product> products = trigger.getOffer().getProductIds().stream()
        .map(id -> catalog.product(trigger.getShopId(), id)).flatMap(Optional::stream).toList();
    List<Item> items = products.stream()
        .map(p -> new Item(p.getName(), p.getImageUrl(), money(p.getPriceMinor(), p.getCurrency(), locale)))
        .toList();
    String target = Optional.ofNullable(trigger.getOffer().getUrl())
        .or(() -> products.stream().map(Product::getUrl).filter(Objects::nonNull).findFirst())
        .orElse(config.publicBaseUrl());
    return new MessageModel(locale, typeKey(trigger), profile.map(CustomerProfile::getName).orElse(null), shopName,
        items, offer(trigger, locale), target, links.click(ref, target), links.openPixel(ref), links.unsubscribe(ref));
  }

  private Offer offer(UpsellTrigger trigger, String locale) {
    var offer = trigger.getOffer();
    String amount = offer.getDiscountMinor() == null || offer.getCurrency() == null ? null
        : money(offer.getDiscountMinor(), offer.getCurrency(), locale);
    String course = offer.getCourseId() == null ? null
        : catalog.product(trigger.getShopId(), offer.getCourseId()).map(Product::getName).orElse(offer.getCourseId());
    return new Offer(offer.getDiscountPercent(), amount, offer.getCouponCode(), offer.getPlan(), course);
  }

  /** Minor units shown as money in the customer's language, e.g. £24.99 or ٢٤٫٩٩ US$. */
  static String money(long minor, String currencyCode, String locale) {
    Currency currency = Currency.getInstance(currencyCode);
    NumberFormat format = NumberFormat.getCurrencyInstance(Locale.forLanguageTag(locale));
    format.setCurrency(currency);
    return format.format(BigDecimal.valueOf(minor).movePointLeft(Math.max(0, currency.getDefaultFractionDigits())));
  }

  /**
   * CART_ABANDONED → cartAbandoned: the prefix of the trigger type's message keys. The cart's second, scarcity step
   * has words of its own (cartAbandonedStep2); other types' steps are levels of one message.
   */
  static String typeKey(UpsellTrigger trigger) {
    String[] words = trigger.getType().name().toLowerCase(Locale.ROOT).split("_");
    var key = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      key.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
    }
    if (trigger.getType() == TriggerType.CART_ABANDONED && trigger.getStep() >= 2) {
      key.append("Step2");
    }
    return key.toString();
  }
}
