package io.upsell.notifier.shopcopy;

import io.upsell.notifier.template.BuiltInCopy;
import io.upsell.notifier.template.MessageCopy;
import io.upsell.notifier.template.MessageModel;
import io.upsell.platform.shops.Shop;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.upsell.TriggerType;
import io.quarkus.qute.TemplateException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Chooses the words of a message: the language (the customer's if there is copy in it, else the shop's default
 * locale, else English) and, part by part, the shop's own template for the trigger type, channel and language, or
 * the built-in copy where the shop has none.
 */
@ApplicationScoped
public class CopyChooser {

  private static final Logger LOG = Logger.getLogger(CopyChooser.class);

  private final ShopTemplates templates;

  public CopyChooser(ShopTemplates templates) {
    this.templates = templates;
  }

  public String language(Shop shop, Optional<String> customerLocale) {
    for (String tag : new String[] {customerLocale.orElse(null), shop.defaultLocale()}) {
      String language = language(tag);
      if (language != null && (BuiltInCopy.LANGUAGES.contains(language)
          || templates.languages(shop.id()).contains(language))) {
        return language;
      }
    }
    return "en";
  }

  /** The primary language of a locale tag in lower case: ar-SA → ar; null for none. */
  public static String language(String tag) {
    if (tag == null || tag.isBlank()) {
      return null;
    }
    String language = Locale.forLanguageTag(tag.replace('_', '-')).getLanguage();
    return language.isEmpty() ? null : language;
  }

  public MessageCopy copy(String shopId, TriggerType type, DeliveryChannel channel, MessageModel model) {
    MessageCopy builtIn = BuiltInCopy.of(model.typeKey(), channel, model.locale(), model.customerName(),
        model.shopName());
    Optional<CompiledCopy> own = templates.compiled(shopId, type, channel, model.locale());
    if (own.isEmpty()) {
      return builtIn;
    }
    try {
      return render(own.get(), TemplateVariables.of(model), builtIn);
    } catch (TemplateException e) {
      LOG.warnf("shop %s template for %s %s %s failed to render, built-in copy used: %s", shopId, type, channel,
          model.locale(), e.getMessage());
      return builtIn;
    }
  }

  MessageCopy render(CompiledCopy own, Map<String, Object> vars, MessageCopy builtIn) {
    TemplateSandbox sandbox = templates.sandbox();
    List<String> body = builtIn.body();
    if (!own.body().isEmpty()) {
      body = new ArrayList<>();
      for (var block : own.body()) {
        body.add(sandbox.render(block, vars).strip());
      }
    }
    return new MessageCopy(CompiledCopy.or(sandbox, own.subject(), vars, builtIn.subject()),
        CompiledCopy.or(sandbox, own.preheader(), vars, builtIn.preheader()),
        CompiledCopy.or(sandbox, own.title(), vars, builtIn.title()), body,
        CompiledCopy.or(sandbox, own.button(), vars, builtIn.button()));
  }
}
