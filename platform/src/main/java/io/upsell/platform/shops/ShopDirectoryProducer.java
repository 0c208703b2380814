package io.upsell.platform.shops;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the shop directory a bean, read once at start-up so a bad file stops the service right away. */
public class ShopDirectoryProducer {

  @Produces
  @Singleton
  ShopDirectory shopDirectory(ShopsConfig config) {
    return ShopDirectory.load(config.file());
  }
}
