package io.upsell.engine.topology;

import io.upsell.engine.config.EngineConfig;
import io.upsell.engine.config.ShopSettings;
import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.upsell.ShopRules;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * What every trigger is wired with: defaults, serdes, the shared sources, and (in a backtest) rules given by the
 * caller instead of the stored ones.
 *
 * @param backtest history replay: timers run on stream time whatever the config says
 */
public record EngineContext(EngineConfig config, EventSerdes serdes, Sources sources, ShopRules rulesOverride,
    boolean backtest) {

  /** Global store of each shop's rules (key shopId). */
  public static final String RULES = "rules";
  /** Global store of the catalog (key shopId:productId). */
  public static final String CATALOG = "catalog";

  /** Whether timers fire on stream time (backtests) rather than the wall clock. */
  public boolean streamTimeTimers() {
    return backtest || config.streamTimeTimers();
  }

  /** The settings in force for {@code shopId}, read from the rules global store. */
  public ShopSettings settings(StoreReader stores, String shopId) {
    if (rulesOverride != null) {
      return new ShopSettings(config, rulesOverride);
    }
    KeyValueStore<String, ValueAndTimestamp<ShopRules>> rules = stores.store(RULES);
    ValueAndTimestamp<ShopRules> stored = rules.get(shopId);
    return new ShopSettings(config, stored == null ? null : stored.value());
  }

  /** The catalog global store. */
  public static KeyValueStore<String, ValueAndTimestamp<Product>> catalog(StoreReader stores) {
    return stores.store(CATALOG);
  }
}
