package io.upsell.notifier.shopcopy;

import io.upsell.notifier.kafka.Outbox;
import io.upsell.notifier.state.GlobalStore;
import io.upsell.notifier.state.StoreNames;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.ShopTemplate;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.TriggerType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.jboss.logging.Logger;

/**
 * Every shop's own templates (notify.templates, a global table), each compiled once per stored version so a message
 * only renders it. A stored template that no longer compiles (the variables changed since it was accepted) is left
 * out, and the built-in copy speaks instead.
 */
@ApplicationScoped
public class ShopTemplates {

  private static final Logger LOG = Logger.getLogger(ShopTemplates.class);

  private final TemplateSandbox sandbox = new TemplateSandbox();
  /** A stored version and what it compiled to (empty: it no longer compiles). */
  private record Compiled(ShopTemplate template, Optional<CompiledCopy> copy) {}

  private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();
  private final ShopSettingsTable<ShopTemplate> table;

  public ShopTemplates(Outbox outbox, Instance<KafkaStreams> streams) {
    table = new ShopSettingsTable<>(Topics.NOTIFY_TEMPLATES, outbox,
        new GlobalStore<>(streams, StoreNames.TEMPLATES));
  }

  public static String key(String shopId, TriggerType type, DeliveryChannel channel, String language) {
    return Keys.product(shopId, type.name() + ":" + channel.name() + ":" + language);
  }

  public Optional<ShopTemplate> find(String shopId, TriggerType type, DeliveryChannel channel, String language) {
    return table.get(key(shopId, type, channel, language));
  }

  Optional<CompiledCopy> compiled(String shopId, TriggerType type, DeliveryChannel channel, String language) {
    return find(shopId, type, channel, language).flatMap(this::compiled);
  }

  /** Languages the shop has written any (still compiling) template in. */
  public Set<String> languages(String shopId) {
    return table.withPrefix(shopId + ":").stream().map(this::compiled).flatMap(Optional::stream)
        .map(CompiledCopy::language).collect(Collectors.toSet());
  }

  /** Checks every part ({@link InvalidTemplate} otherwise), then stores the template; in use here on return. */
  public void put(ShopTemplate template) {
    CompiledCopy.compile(sandbox, template);
    table.put(key(template.getShopId(), template.getTriggerType(), template.getChannel(), template.getLanguage()),
        template);
  }

  public void delete(String shopId, TriggerType type, DeliveryChannel channel, String language) {
    table.put(key(shopId, type, channel, language), null);
  }

  TemplateSandbox sandbox() {
    return sandbox;
  }

  private Optional<CompiledCopy> compiled(ShopTemplate template) {
    String key = key(template.getShopId(), template.getTriggerType(), template.getChannel(), template.getLanguage());
    Compiled known = compiled.get(key);
    if (known != null && known.template().equals(template)) {
      return known.copy();
    }
    Optional<CompiledCopy> copy;
    try {
      copy = Optional.of(CompiledCopy.compile(sandbox, template));
    } catch (InvalidTemplate e) {
      copy = Optional.empty();
      LOG.warnf("template %s no longer compiles, the built-in copy is used: %s %s", key, e.part(), e.reason());
    }
    compiled.put(key, new Compiled(template, copy));
    return copy;
  }
}
