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
          List.of(item(value)), now));
      case "buy" -> events.add(DemoEvents.order(DemoPages.SHOPPER, List.of(item(value)), now));
      case "storage" -> events.add(DemoEvents.usage(DemoPages.APP_USER, Long.parseLong(value), 100, now));
      case "course" -> events.add(DemoEvents.course(DemoPages.APP_USER, value, 100, now));
      default -> {
        return "/";
      }
    }
    ingest.post(events);
    return form.get("what").equals("cart") || form.get("what").equals("buy") ? "/shop" : "/app";
  }

  /** A signed in-app token for {@code customer}, or null while the notifier does not answer. */
  String token(String customer) throws IOException, InterruptedException {
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

  private DemoCatalog.Item item(String productId) {
    return catalog.items().stream().filter(i -> i.productId().equals(productId)).findFirst()
        .orElse(catalog.items().get(0));
  }
}
