package io.upsell.notifier.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.upsell.testkit.TestShops;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * The test shops with shop A's storefront at https://shop.example.com, as the engine's contract run has it: the
 * shops file is the one home of a shop's pages for both services, so the notifier's copy must say the same.
 */
public final class ContractShops implements QuarkusTestResourceLifecycleManager {

  public static final String STOREFRONT = "https://shop.example.com";

  @Override
  public Map<String, String> start() {
    var file = TestShops.writeFile();
    try {
      Files.writeString(file, "shop." + TestShops.SHOP_A + ".storefront-url=" + STOREFRONT + "\n", StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of("upsell.shops.file", file.toString());
  }

  @Override
  public void stop() {
    // The temp file is removed at JVM exit.
  }
}
