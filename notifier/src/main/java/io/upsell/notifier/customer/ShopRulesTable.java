package io.upsell.notifier.customer;

import io.upsell.notifier.NotifierConfig;
import io.upsell.notifier.state.GlobalStore;
import io.upsell.notifier.state.StoreNames;
import io.upsell.schemas.upsell.ShopRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Where a shop wants its triggers POSTed: what the shop set through the engine's rules API (upsell.rules as a global
 * table, setting {@code webhook.url}) wins over this service's configuration ({@code notifier.shops."<id>".*}). The
 * channel of each trigger is not a rule read here: the engine decided it (the trigger's channel hint).
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
