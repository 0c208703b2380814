package io.upsell.notifier.shopcopy;

import io.upsell.platform.http.ApiException;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.upsell.TriggerType;
import java.util.Locale;

/** Which template a path names: trigger type, channel ({@code email}, {@code in-app}, {@code webhook}) and language. */
record TemplateAddress(TriggerType type, DeliveryChannel channel, String language) {

  static TemplateAddress parse(String type, String channel, String locale) {
    TriggerType triggerType;
    try {
      triggerType = TriggerType.valueOf(type.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("triggerType", "unknown trigger type '" + type + "'");
    }
    DeliveryChannel deliveryChannel = switch (channel.toLowerCase(Locale.ROOT)) {
      case "email" -> DeliveryChannel.EMAIL;
      case "in-app", "inapp" -> DeliveryChannel.IN_APP;
      case "webhook" -> DeliveryChannel.WEBHOOK;
      default -> throw ApiException.badRequest("channel", "must be email, in-app or webhook");
    };
    return new TemplateAddress(triggerType, deliveryChannel, language(locale));
  }

  /** The language a {@code locale} parameter names; 400 naming it when it names none. */
  static String language(String locale) {
    String language = CopyChooser.language(locale);
    if (language == null || !language.matches("[a-z]{2,3}")) {
      throw ApiException.badRequest("locale", "must be a language code such as en, ar or fr");
    }
    return language;
  }
}
