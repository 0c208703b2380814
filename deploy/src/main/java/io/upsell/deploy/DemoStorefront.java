package io.upsell.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo shop's storefront is the demo pages' shop, so the links in its messages lead to pages the demo serves.
 * Written into the shops file on every start (the services read it when they start), so a moved demo port is
 * followed; the rest of the file (the key's hash, the webhook secret) is kept as it was.
 */
public final class DemoStorefront {

  /** The shops-file keys of platform's {@code Storefront} pages, relative to {@code <demo>/shop/}. */
  public static final Map<String, String> PAGES = pages();

  private static final String KEY = "shop." + DemoShop.ID + ".";

  private DemoStorefront() {}

  private static Map<String, String> pages() {
    Map<String, String> pages = new LinkedHashMap<>();
    pages.put("url.cart", "cart");
    pages.put("url.checkout", "checkout");
    pages.put("url.product", "products/{productId}");
    pages.put("url.billing", "/app/billing");
    pages.put("url.course", "/app/courses/{courseId}");
    return Map.copyOf(pages);
  }

  /** Points the demo shop's storefront at the demo pages on {@code demoUrl} ({@code http://127.0.0.1:8080}). */
  public static void write(StackHome home, String demoUrl) {
    try {
      List<String> lines = new ArrayList<>(Files.readAllLines(home.shopsFile()).stream()
          .filter(line -> !line.startsWith(KEY + "storefront-url=") && !line.startsWith(KEY + "url."))
          .toList());
      lines.add(KEY + "storefront-url=" + demoUrl + "/shop/");
      PAGES.entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(page -> lines.add(KEY + page.getKey() + "=" + page.getValue()));
      Files.writeString(home.shopsFile(), String.join("\n", lines) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
