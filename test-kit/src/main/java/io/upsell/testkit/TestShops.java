package io.upsell.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.upsell.platform.shops.ShopDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Two known shops for tests, written to a temp shops file the app under test reads
 * ({@code @QuarkusTestResource(TestShops.class)}). Shop A and shop B have their own API key and webhook secret.
 */
public final class TestShops implements QuarkusTestResourceLifecycleManager {

  public static final String SHOP_A = "shop-a";
  public static final String SHOP_A_KEY = "test-key-shop-a-0123456789";
  public static final String SHOP_A_WEBHOOK_SECRET = "test-webhook-secret-a";
  public static final String SHOP_B = "shop-b";
  public static final String SHOP_B_KEY = "test-key-shop-b-9876543210";
  public static final String SHOP_B_WEBHOOK_SECRET = "test-webhook-secret-b";

  /** Writes the shops file and returns its path. */
  public static Path writeFile() {
    String text = String.join("\n",
        "shop." + SHOP_A + ".name=Shop A",
        "shop." + SHOP_A + ".api-key-sha256=" + ShopDirectory.hashKey(SHOP_A_KEY),
        "shop." + SHOP_A + ".webhook-secret=" + SHOP_A_WEBHOOK_SECRET,
        "shop." + SHOP_A + ".time-zone=Europe/London",
        "shop." + SHOP_A + ".currency=GBP",
        "shop." + SHOP_B + ".name=Shop B",
        "shop." + SHOP_B + ".api-key-sha256=" + ShopDirectory.hashKey(SHOP_B_KEY),
        "shop." + SHOP_B + ".webhook-secret=" + SHOP_B_WEBHOOK_SECRET,
        "shop." + SHOP_B + ".time-zone=Asia/Riyadh",
        "shop." + SHOP_B + ".currency=SAR",
        "");
    try {
      Path file = Files.createTempFile("shops", ".properties");
      Files.writeString(file, text);
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code Authorization} header value for a key. */
  public static String bearer(String apiKey) {
    return "Bearer " + apiKey;
  }

  @Override
  public Map<String, String> start() {
    return Map.of("upsell.shops.file", writeFile().toString());
  }

  @Override
  public void stop() {
    // The temp file is removed at JVM exit.
  }
}
