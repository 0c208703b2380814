package io.upsell.platform.shops;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Where a shop's own pages are: its storefront URL and the URL patterns of the pages an offer links to. A pattern
 * is absolute or relative to the storefront URL and may name {@code {productId}}, {@code {cartId}},
 * {@code {courseId}} or {@code {planId}}. A shop without a storefront URL has no page we can link to: messages then
 * link only where the event itself named a URL.
 */
public record Storefront(Optional<URI> baseUrl, Map<Page, String> patterns) {

  /** The pages an offer can lead to, with the pattern used when the shop sets none. */
  public enum Page {
    CART("/cart"),
    CHECKOUT("/checkout"),
    PRODUCT("/products/{productId}"),
    BILLING("/account/billing"),
    COURSE("/courses/{courseId}");

    private final String defaultPattern;

    Page(String defaultPattern) {
      this.defaultPattern = defaultPattern;
    }

    /** The shops-file key of this page's pattern: {@code url.cart}, {@code url.product}, … */
    public String key() {
      return "url." + name().toLowerCase();
    }
  }

  public static final Storefront NONE = new Storefront(Optional.empty(), Map.of());

  public Storefront {
    patterns = Map.copyOf(patterns);
  }

  /**
   * The URL of {@code page} with the pattern's placeholders filled from {@code values} (URL-encoded); empty when
   * the shop has no storefront URL and the pattern is not absolute, or when the pattern names a value not given.
   */
  public Optional<String> url(Page page, Map<String, String> values) {
    String pattern = patterns.getOrDefault(page, page.defaultPattern);
    String filled = fill(pattern, values);
    if (filled.contains("{")) {
      return Optional.empty();
    }
    if (filled.startsWith("http://") || filled.startsWith("https://")) {
      return Optional.of(filled);
    }
    return baseUrl.map(base -> base.resolve(filled).toString());
  }

  private static String fill(String pattern, Map<String, String> values) {
    String filled = pattern;
    for (var value : values.entrySet()) {
      filled = filled.replace("{" + value.getKey() + "}",
          URLEncoder.encode(value.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return filled;
  }
}
