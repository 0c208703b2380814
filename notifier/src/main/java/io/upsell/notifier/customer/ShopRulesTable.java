package io.upsell.notifier.customer;

import io.quarkus.runtime.Startup;
import io.upsell.notifier.NotifierConfig;
import io.upsell.notifier.kafka.TopicReader;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.ShopRules;
import io.upsell.schemas.upsell.TriggerType;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A shop's delivery rules: what the shop set through the engine's rules API (upsell.rules, settings
 * {@code <TRIGGER_TYPE>.channel} and {@code webhook.url}) wins over this service's configuration
 * ({@code notifier.shops."<id>".*}).
 */
@Startup
@ApplicationScoped
public class ShopRulesTable {

  static final String WEBHOOK_URL = "webhook.url";

  private final Map<String, Map<String, String>> settings = new ConcurrentHashMap<>();
  private final NotifierConfig config;
  private final TopicReader<ShopRules> reader;

  public ShopRulesTable(@ConfigProperty(name = "kafka.bootstrap.servers") String servers, EventSerdes serdes,
      NotifierConfig config) {
    this.config = config;
    reader = new TopicReader<>(servers, serdes, Topics.UPSELL_RULES, r -> {
      if (r.value() == null) {
        settings.remove(r.key());
      } else {
        settings.put(r.key(), Map.copyOf(r.value().getSettings()));
      }
    }).start();
  }

  /** The shop's channel for a trigger type: email, in-app, in-app-only or none; empty for the default. */
  public Optional<String> channel(String shopId, TriggerType type) {
    return setting(shopId, type.name() + ".channel")
        .or(() -> configured(shopId).flatMap(r -> Optional.ofNullable(r.channels().get(type.name()))));
  }

  /** Where the shop wants every trigger POSTed, if anywhere. */
  public Optional<String> webhookUrl(String shopId) {
    return setting(shopId, WEBHOOK_URL).or(() -> configured(shopId).flatMap(NotifierConfig.ShopRules::webhookUrl));
  }

  private Optional<String> setting(String shopId, String name) {
    return Optional.ofNullable(settings.getOrDefault(shopId, Map.of()).get(name)).filter(v -> !v.isBlank());
  }

  private Optional<NotifierConfig.ShopRules> configured(String shopId) {
    return Optional.ofNullable(config.shops().get(shopId));
  }

  /** Waits until the rules written so far are read. */
  public void awaitLoaded(Duration timeout) {
    reader.awaitCaughtUp(timeout);
  }

  @PreDestroy
  void close() {
    reader.close();
  }
}
