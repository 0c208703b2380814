package io.upsell.notifier.template;

import io.upsell.notifier.shopcopy.CopyChooser;
import io.upsell.notifier.shopcopy.ShopBrands;
import io.upsell.notifier.tracking.DeliveryRef;
import io.upsell.notifier.tracking.Links;
import io.upsell.platform.shops.Shop;
import io.upsell.platform.shops.ShopDirectory;
import io.upsell.platform.shops.Storefront;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a trigger into what one channel's message says: the customer's name, language and zone, the offer the
 * engine decided (formatted for them), the shop's words and brand, the button to the shop's page and the signed
 * links. Every channel (email, in-app, webhook) composes here, so all show the same offer.
 */
@ApplicationScoped
public class MessageComposer {

  private final OfferFormatter offers;
  private final CopyChooser copy;
  private final ShopBrands brands;
  private final ShopDirectory shops;
  private final Links links;

  public MessageComposer(OfferFormatter offers, CopyChooser copy, ShopBrands brands, ShopDirectory shops,
      Links links) {
    this.offers = offers;
    this.copy = copy;
    this.brands = brands;
    this.shops = shops;
    this.links = links;
  }

  public MessageModel compose(UpsellTrigger trigger, Optional<CustomerProfile> profile, DeliveryChannel channel) {
    return compose(trigger, profile, channel, false);
  }

  /**
   * The same message for a preview (a backtest's sample): every link that would record something (click, open,
   * unsubscribe, not relevant) is {@link Links#PREVIEW}, an anchor that reaches no service, so a preview cannot be
   * counted as engagement or down-vote anything, whoever opens it.
   */
  public MessageModel preview(UpsellTrigger trigger, Optional<CustomerProfile> profile, DeliveryChannel channel) {
    return compose(trigger, profile, channel, true);
  }

  private MessageModel compose(UpsellTrigger trigger, Optional<CustomerProfile> profile, DeliveryChannel channel,
      boolean preview) {
    Shop shop = shop(trigger.getShopId());
    String language = copy.language(shop, profile.map(CustomerProfile::getLocale));
    var ref = new DeliveryRef(trigger.getShopId(), trigger.getCustomerId(),
        DeliveryRef.idOf(trigger.getTriggerId(), channel), trigger.getTriggerId(), channel, language);
    var format = new CustomerFormat(formatLocale(language, profile), zone(profile, shop));
    OfferView offer = offers.format(shop.id(), trigger.getOffer(), shop.currency(), format);
    String target = OfferTarget.of(trigger, shop.storefront()).orElse(null);
    String customerName = profile.map(CustomerProfile::getName).orElse(null);
    var model = new MessageModel(language, typeKey(trigger), customerName, shop.name(), offer, null,
        brands.brand(shop.id()), target, target == null ? null : preview ? Links.PREVIEW : links.click(ref, target),
        preview ? Links.PREVIEW : links.openPixel(ref), preview ? Links.PREVIEW : links.unsubscribe(ref),
        channel == DeliveryChannel.IN_APP ? null : preview ? Links.PREVIEW : links.notRelevant(ref, trigger));
    return model.withCopy(copy.copy(shop.id(), trigger.getType(), channel, model));
  }

  private Shop shop(String shopId) {
    return shops.find(shopId).orElseGet(() -> new Shop(shopId, shopId, ZoneOffset.UTC, null, new byte[0],
        Optional.empty(), "en", Storefront.NONE));
  }

  /** The customer's own locale (en-GB: 14 March) where it is of the message's language, else the language. */
  private static String formatLocale(String language, Optional<CustomerProfile> profile) {
    String tag = profile.map(CustomerProfile::getLocale).orElse(null);
    return tag != null && language.equals(CopyChooser.language(tag)) ? tag.replace('_', '-') : language;
  }

  /** The customer's zone where their profile names a valid one, else the shop's. */
  private static ZoneId zone(Optional<CustomerProfile> profile, Shop shop) {
    try {
      return profile.map(CustomerProfile::getTimeZone).map(ZoneId::of).orElse(shop.timeZone());
    } catch (DateTimeException e) {
      return shop.timeZone();
    }
  }

  /**
   * CART_ABANDONED → cartAbandoned: the prefix of the trigger type's message keys. The cart's second, scarcity step
   * has words of its own (cartAbandonedStep2); other types' steps are levels of one message.
   */
  public static String typeKey(UpsellTrigger trigger) {
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
