package io.upsell.deploy.demo;

import java.nio.file.Path;

/** Reads the demo shop's credentials that {@code ./upsell start} wrote, for the demo pages and the CLI tools. */
public final class DemoCredentials {

  private DemoCredentials() {}

  /** {@code DEMO_SHOP_API_KEY} from the given {@code demo-shop.env}. */
  public static String apiKey(Path demoShopEnv) {
    String key = DemoShop.env(demoShopEnv).getProperty("DEMO_SHOP_API_KEY");
    if (key == null || key.isBlank()) {
      throw new IllegalStateException(demoShopEnv + " has no DEMO_SHOP_API_KEY");
    }
    return key;
  }
}
