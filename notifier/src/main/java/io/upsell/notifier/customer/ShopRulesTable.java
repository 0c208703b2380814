package io.upsell.notifier.customer;

import io.upsell.notifier.NotifierConfig;
import io.upsell.notifier.state.GlobalStore;
import io.upsell.notifier.state.StoreNames;
import io.upsell.schemas.upsell.ShopRules;
import io.upsell.schemas.upsell.TriggerType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * A shop's delivery rules: what the shop set through the engine's rules API (upsell.rules as a global table,
 * settings {@code <TRIGGER_TYPE>.channel} and {@code webhook.url}) wins over this service's configuration
 * ({@code notifier.shops."<id>".*}).
 */
@ApplicationScoped
public class ShopRulesTable {

  static final String WEBHOOK_URL = "webhook.url";

  private final GlobalStore<ShopRules> rules;
  private final NotifierConfig config;

  public ShopRulesTable(Instance<KafkaStreams> streams, NotifierConfig config) {
    this.config = config;
    this.rules = new GlobalStore<>(streams, StoreNames.RULES);
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
    return rules.get(shopId).map(r -> r.getSettings().get(name)).filter(v -> v != null && !v.isBlank());
  }

  private Optional<NotifierConfig.ShopRules> configured(String shopId) {
    return Optional.ofNullable(config.shops().get(shopId));
  }
}
