package io.upsell.platform.shops;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The shops this deployment serves, read from a properties file with one block per shop:
 * <pre>
 * shop.demo.name=Demo Shop
 * shop.demo.api-key-sha256=&lt;hex SHA-256 of the API key&gt;
 * shop.demo.webhook-secret=&lt;Shopify webhook signing secret&gt;
 * shop.demo.time-zone=Europe/London
 * shop.demo.currency=GBP
 * shop.demo.default-locale=en
 * shop.demo.storefront-url=https://shop.example.com/
 * shop.demo.url.cart=/cart                      (optional; also url.checkout, url.product, url.billing, url.course)
 * </pre>
 * API keys are compared by hash in constant time against every shop, so timing tells nothing about which shop
 * or how much of a key matched.
 */
public final class ShopDirectory {

  private static final String PREFIX = "shop.";

  private final Map<String, Shop> shops;

  public ShopDirectory(Map<String, Shop> shops) {
    this.shops = Map.copyOf(shops);
  }

  /** Reads the shops file; a missing file is an error, so a typo in the path does not start a shop-less service. */
  public static ShopDirectory load(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read shops file " + file + ": " + e.getMessage(), e);
    }
    return parse(properties);
  }

  static ShopDirectory parse(Properties properties) {
    var ids = new TreeSet<String>();
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith(PREFIX) && name.indexOf('.', PREFIX.length()) > 0) {
        ids.add(name.substring(PREFIX.length(), name.indexOf('.', PREFIX.length())));
      }
    }
    Map<String, Shop> shops = new LinkedHashMap<>();
    for (String id : ids) {
      shops.put(id, shop(id, properties));
    }
    return new ShopDirectory(shops);
  }

  private static Shop shop(String id, Properties p) {
    String key = PREFIX + id + ".";
    String hash = p.getProperty(key + "api-key-sha256");
    if (hash == null || !hash.strip().matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException(key + "api-key-sha256 must be 64 hex digits");
    }
    if (id.contains(":")) {
      throw new IllegalArgumentException("shop id must not contain ':' : " + id);
    }
    return new Shop(id,
        p.getProperty(key + "name", id),
        ZoneId.of(p.getProperty(key + "time-zone", "UTC")),
        p.getProperty(key + "currency", "USD"),
        HexFormat.of().parseHex(hash.strip().toLowerCase()),
        Optional.ofNullable(p.getProperty(key + "webhook-secret")).filter(s -> !s.isBlank()),
        p.getProperty(key + "default-locale", "en").strip(),
        storefront(key, p));
  }

  private static Storefront storefront(String key, Properties p) {
    Optional<URI> base = Optional.ofNullable(p.getProperty(key + "storefront-url")).map(String::strip)
        .filter(s -> !s.isEmpty()).map(s -> {
          URI uri = URI.create(s.endsWith("/") ? s : s + "/");
          if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(key + "storefront-url must be an http(s) URL: " + s);
          }
          return uri;
        });
    Map<Storefront.Page, String> patterns = new EnumMap<>(Storefront.Page.class);
    for (Storefront.Page page : Storefront.Page.values()) {
      String pattern = p.getProperty(key + page.key());
      if (pattern != null && !pattern.isBlank()) {
        patterns.put(page, pattern.strip());
      }
    }
    return new Storefront(base, patterns);
  }

  /** The shop whose API key this is, checked in constant time against every shop. */
  public Optional<Shop> authenticate(String apiKey) {
    if (apiKey == null || apiKey.isEmpty()) {
      return Optional.empty();
    }
    byte[] presented = sha256(apiKey);
    Shop match = null;
    for (Shop shop : shops.values()) {
      // No early exit: every shop is compared whether or not one matched already.
      if (MessageDigest.isEqual(presented, shop.apiKeySha256())) {
        match = shop;
      }
    }
    return Optional.ofNullable(match);
  }

  public Optional<Shop> find(String shopId) {
    return Optional.ofNullable(shops.get(shopId));
  }

  public List<Shop> all() {
    return List.copyOf(shops.values());
  }

  /** Hex SHA-256 of an API key, as written in the shops file. */
  public static String hashKey(String apiKey) {
    return HexFormat.of().formatHex(sha256(apiKey));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
