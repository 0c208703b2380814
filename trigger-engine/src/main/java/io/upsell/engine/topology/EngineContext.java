package io.upsell.engine.topology;

import io.upsell.engine.config.EngineConfig;
import io.upsell.engine.config.ShopSettings;
import io.upsell.platform.shops.ShopDirectory;
import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.upsell.ShopRules;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * What every trigger is wired with: defaults, serdes, the shared sources, and in a backtest how it replays.
 *
 * @param shops the shops this deployment serves: their storefront pages and currency, for the offers' links and money
 * @param replay null in production; in a backtest, timers run on stream time whatever the config says, and the
 *     replay may bring its own rules and count customers without a profile as consenting
 */
public record EngineContext(EngineConfig config, EventSerdes serdes, Sources sources, Replay replay,
    ShopDirectory shops) {

  /** A context that knows no shop's pages or currency (a part of the topology that makes no offers). */
  public EngineContext(EngineConfig config, EventSerdes serdes, Sources sources, Replay replay) {
    this(config, serdes, sources, replay, new ShopDirectory(Map.of()));
  }

  /** Global store of each shop's rules (key shopId). */
  public static final String RULES = "rules";
  /** Global store of the product catalog (key shopId:productId). */
  public static final String PRODUCTS = "catalog";

  /** Whether timers fire on stream time (backtests) rather than the wall clock. */
  public boolean streamTimeTimers() {
    return replay != null || config.streamTimeTimers();
  }

  /** Whether a customer without a profile counts as consenting (only a backtest that says so). */
  public boolean consentWithoutProfile() {
    return replay != null && replay.consentWithoutProfile();
  }

  /** The settings in force for {@code shopId}, read from the rules global store. */
  public ShopSettings settings(StoreReader stores, String shopId) {
    if (replay != null && replay.rules() != null) {
      return new ShopSettings(config, replay.rules(), shops.find(shopId).orElse(null));
    }
    KeyValueStore<String, ValueAndTimestamp<ShopRules>> rules = stores.store(RULES);
    ValueAndTimestamp<ShopRules> stored = rules.get(shopId);
    return new ShopSettings(config, stored == null ? null : stored.value(), shops.find(shopId).orElse(null));
  }

  /** The product catalog global store. */
  public static KeyValueStore<String, ValueAndTimestamp<Product>> products(StoreReader stores) {
    return stores.store(PRODUCTS);
  }
}
