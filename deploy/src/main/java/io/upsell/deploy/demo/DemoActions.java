package io.upsell.deploy.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the demo pages' buttons do, as the demo shop's backend would: events to ingest, tokens from the notifier. */
final class DemoActions {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final DemoServer.DemoSettings settings;
  private final IngestClient ingest;
  private final DemoCatalog catalog;
  private final String apiKey;
  private final List<DemoCatalog.Item> cart = new ArrayList<>();
  private boolean profilesPosted;

  DemoActions(DemoServer.DemoSettings settings, IngestClient ingest, DemoCatalog catalog, String apiKey) {
    this.settings = settings;
    this.ingest = ingest;
    this.catalog = catalog;
    this.apiKey = apiKey;
  }

  /** Posts the events of one button press; returns the page to go back to. */
  String perform(Map<String, String> form) throws IOException, InterruptedException {
    ensureProfiles();
    long now = System.currentTimeMillis();
    String value = form.getOrDefault("value", "");
    List<Map<String, Object>> events = new ArrayList<>();
    switch (form.getOrDefault("what", "")) {
      case "cart" -> events.add(DemoEvents.cart("cart_item_added", DemoPages.SHOPPER, "cart-" + DemoPages.SHOPPER,
          addToCart(item(value)), now));
      case "buy" -> events.add(DemoEvents.order(DemoPages.SHOPPER, List.of(item(value)), now));
      case "checkout" -> {
        List<DemoCatalog.Item> bought = emptyCart();
        if (bought.isEmpty()) {
          return "/shop/cart";
        }
        events.add(DemoEvents.order(DemoPages.SHOPPER, bought, form.get("code"), now));
      }
      case "storage" -> events.add(DemoEvents.usage(DemoPages.APP_USER, Long.parseLong(value), now));
      case "course" -> events.add(DemoEvents.course(DemoPages.APP_USER, value, 100, now));
      default -> {
        return "/";
      }
    }
    ingest.post(events);
    return switch (form.get("what")) {
      case "cart", "checkout" -> "/shop/cart";
      case "buy" -> "/shop";
      default -> "/app";
    };
  }

  /** What the demo shopper has in the cart now. */
  synchronized List<DemoCatalog.Item> cart() {
    return List.copyOf(cart);
  }

  private synchronized List<DemoCatalog.Item> addToCart(DemoCatalog.Item item) {
    cart.add(item);
    return List.copyOf(cart);
  }

  private synchronized List<DemoCatalog.Item> emptyCart() {
    List<DemoCatalog.Item> bought = List.copyOf(cart);
    cart.clear();
    return bought;
  }

  /** A signed in-app token for {@code customer}, or null while the notifier does not answer. */
  String token(String customer) throws InterruptedException {
    try {
      return tokenOrFail(customer);
    } catch (IOException e) {
      return null;
    }
  }

  private String tokenOrFail(String customer) throws IOException, InterruptedException {
    ensureProfiles();
    HttpRequest request = HttpRequest.newBuilder(URI.create(settings.notifier() + "/v1/inapp/tokens"))
        .timeout(Duration.ofSeconds(5))
        .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("customerId", customer))))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? JSON.readTree(response.body()).path("token").asText() : null;
  }

  private synchronized void ensureProfiles() throws IOException, InterruptedException {
    if (profilesPosted) {
      return;
    }
    long now = System.currentTimeMillis();
    List<Map<String, Object>> events = new ArrayList<>(DemoEvents.catalog(catalog, now));
    events.add(DemoEvents.profile(DemoPages.SHOPPER, "Sam", "en", now));
    events.add(DemoEvents.profile(DemoPages.APP_USER, "Layla", "ar", now));
    int status = ingest.post(events);
    profilesPosted = status == 202;
  }

  DemoCatalog.Item item(String productId) {
    return catalog.items().stream().filter(i -> i.productId().equals(productId)).findFirst()
        .orElse(catalog.items().get(0));
  }
}
