package io.upsell.deploy.demo;

import io.upsell.deploy.launcher.StackHome;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The shop {@code demo}, created on first start: a random API key and webhook secret, written in clear only to
 * {@code .upsell/demo-shop.env} for the person running the stack; the shops file keeps the key's SHA-256.
 */
public final class DemoShop {

  public static final String ID = "demo";

  private DemoShop() {}

  /** Creates the demo shop unless it exists; returns whether it was created. */
  public static boolean ensure(StackHome home) {
    if (Files.exists(home.shopsFile()) && Files.exists(home.demoShopEnv())) {
      return false;
    }
    String apiKey = "demo_" + token(24);
    String webhookSecret = "whsec_" + token(24);
    String shops = String.join("\n",
        "# Shops of the local stack (see platform ShopDirectory). API keys are stored as SHA-256 only.",
        "shop." + ID + ".name=Demo Shop",
        "shop." + ID + ".api-key-sha256=" + sha256Hex(apiKey),
        "shop." + ID + ".webhook-secret=" + webhookSecret,
        "shop." + ID + ".time-zone=Europe/London",
        "shop." + ID + ".currency=GBP",
        "");
    String env = String.join("\n",
        "# The demo shop's credentials; keep this file private.",
        "DEMO_SHOP_ID=" + ID,
        "DEMO_SHOP_API_KEY=" + apiKey,
        "DEMO_SHOP_WEBHOOK_SECRET=" + webhookSecret,
        "");
    try {
      Files.createDirectories(home.dir());
      Files.writeString(home.shopsFile(), shops);
      Files.writeString(home.demoShopEnv(), env);
      restrictToOwner(home.demoShopEnv());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return true;
  }

  public static Properties env(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " (has ./upsell start run?)", e);
    }
    return properties;
  }

  private static String token(int bytes) {
    byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the file keeps the default permissions.
    }
  }
}
