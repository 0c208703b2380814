package io.upsell.notifier.shopcopy;

import io.quarkus.runtime.Startup;
import io.upsell.notifier.kafka.Outbox;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.ShopTemplate;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.TriggerType;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every shop's own templates (notify.templates), compiled once when they arrive so a message only renders them. A
 * stored template that no longer compiles (the variables changed since it was accepted) is left out, and the
 * built-in copy speaks instead.
 */
@Startup
@ApplicationScoped
public class ShopTemplates {

  private static final Logger LOG = Logger.getLogger(ShopTemplates.class);

  private final TemplateSandbox sandbox = new TemplateSandbox();
  private final Map<String, CompiledCopy> compiled = new ConcurrentHashMap<>();
  private final ShopSettingsTable<ShopTemplate> table;

  public ShopTemplates(@ConfigProperty(name = "kafka.bootstrap.servers") String servers, EventSerdes serdes,
      Outbox outbox) {
    table = new ShopSettingsTable<>(servers, serdes, Topics.NOTIFY_TEMPLATES, outbox, this::compileStored);
  }

  public static String key(String shopId, TriggerType type, DeliveryChannel channel, String language) {
    return Keys.product(shopId, type.name() + ":" + channel.name() + ":" + language);
  }

  public Optional<ShopTemplate> find(String shopId, TriggerType type, DeliveryChannel channel, String language) {
    return table.get(key(shopId, type, channel, language));
  }

  Optional<CompiledCopy> compiled(String shopId, TriggerType type, DeliveryChannel channel, String language) {
    return Optional.ofNullable(compiled.get(key(shopId, type, channel, language)));
  }

  /** Languages the shop has written any template in. */
  public Set<String> languages(String shopId) {
    String prefix = shopId + ":";
    return compiled.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
        .map(e -> e.getValue().language()).collect(Collectors.toSet());
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

  private void compileStored(String key, ShopTemplate template) {
    if (template == null) {
      compiled.remove(key);
      return;
    }
    try {
      compiled.put(key, CompiledCopy.compile(sandbox, template));
    } catch (InvalidTemplate e) {
      compiled.remove(key);
      LOG.warnf("template %s no longer compiles, the built-in copy is used: %s %s", key, e.part(), e.reason());
    }
  }

  @PreDestroy
  void close() {
    table.close();
  }
}
