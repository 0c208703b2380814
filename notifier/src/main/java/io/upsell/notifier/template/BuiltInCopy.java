package io.upsell.notifier.template;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.upsell.schemas.notify.DeliveryChannel;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The copy every shop starts with, in English and Arabic: per trigger type a subject, an intro and a button label
 * ({@link Copy}, {@link CopyAr}). An email opens with a greeting; an in-app prompt is titled with the subject.
 */
public final class BuiltInCopy {

  /** Languages the built-in copy is written in. */
  public static final Set<String> LANGUAGES = Set.of("en", "ar");

  private BuiltInCopy() {}

  public static MessageCopy of(String typeKey, DeliveryChannel channel, String language, String customerName,
      String shopName) {
    String lang = LANGUAGES.contains(language) ? language : "en";
    Copy words = MessageBundles.get(Copy.class, Localized.Literal.of(lang));
    String subject = line(typeKey + "Subject", shopName, lang);
    String title = channel == DeliveryChannel.EMAIL
        ? (customerName == null ? words.greetingNoName() : words.greeting(customerName))
        : subject;
    return new MessageCopy(subject, null, title, List.of(line(typeKey + "Intro", shopName, lang)),
        line(typeKey + "Cta", shopName, lang));
  }

  private static String line(String key, String shopName, String lang) {
    return Texts.line(key, shopName).setLocale(Locale.forLanguageTag(lang)).render().strip();
  }
}
