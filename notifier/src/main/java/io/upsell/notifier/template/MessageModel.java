package io.upsell.notifier.template;

import java.util.List;

/**
 * What a message about one trigger says to one customer: who, which items at which price, what offer, where the
 * call to action leads, and the tracking links. Every link in it is already signed.
 *
 * @param typeKey the trigger type as a message key prefix, e.g. {@code cartAbandoned}
 * @param target where the call to action leads; {@code ctaUrl} is the signed click-tracking link to it
 */
public record MessageModel(String locale, String typeKey, String customerName, String shopName, List<Item> items,
    Offer offer, String target, String ctaUrl, String pixelUrl, String unsubscribeUrl) {

  /** A product as the customer sees it: the price is already formatted in their language. */
  public record Item(String name, String imageUrl, String price) {}

  /** The offer; any part may be absent. */
  public record Offer(Integer percent, String amount, String couponCode, String plan, String course) {}

  /** Key of the opening paragraph's words, e.g. {@code cartAbandonedStep2Intro}. */
  public String introKey() {
    return typeKey + "Intro";
  }

  /** Key of the call to action's words. */
  public String ctaKey() {
    return typeKey + "Cta";
  }

  /** Text direction of the customer's language. */
  public String dir() {
    return locale.startsWith("ar") ? "rtl" : "ltr";
  }

  /** Alignment that reads as "start" in mail clients which ignore {@code text-align:start}. */
  public String align() {
    return locale.startsWith("ar") ? "right" : "left";
  }
}
