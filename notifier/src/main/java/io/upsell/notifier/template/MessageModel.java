package io.upsell.notifier.template;

/**
 * What a message about one trigger says to one customer: who, the offer as formatted for them, the words (the shop's
 * own copy or the built-in one), the shop's brand, where the button leads and the tracking links. Every link in it
 * is already signed.
 *
 * @param typeKey the trigger type as a message key prefix, e.g. {@code cartAbandoned}
 * @param target where the button leads (the shop's page), or null: then the message has no button
 * @param ctaUrl the signed click-tracking link to {@code target}, or null with it
 * @param notRelevantUrl the signed "not relevant" link, or null where the channel has its own (in-app)
 */
public record MessageModel(String locale, String typeKey, String customerName, String shopName, OfferView offer,
    MessageCopy copy, Brand brand, String target, String ctaUrl, String pixelUrl, String unsubscribeUrl,
    String notRelevantUrl) {

  public MessageModel withCopy(MessageCopy words) {
    return new MessageModel(locale, typeKey, customerName, shopName, offer, words, brand, target, ctaUrl, pixelUrl,
        unsubscribeUrl, notRelevantUrl);
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
