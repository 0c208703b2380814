package io.upsell.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** What a shop's backend does against the running stack: authenticated JSON calls. */
final class ShopClient {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final String apiKey;

  ShopClient(String apiKey) {
    this.apiKey = apiKey;
  }

  /** An answer: status and body. */
  record Answer(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }
  }

  Answer post(String url, Object body) throws IOException, InterruptedException {
    return send("POST", url, JSON.writeValueAsString(body));
  }

  Answer put(String url, Object body) throws IOException, InterruptedException {
    return send("PUT", url, JSON.writeValueAsString(body));
  }

  Answer get(String url) throws IOException, InterruptedException {
    return send("GET", url, null);
  }

  Answer send(String method, String url, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + apiKey)
        .header("Accept", "application/json, text/event-stream;q=0.5, */*;q=0.1");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }

  /** A native JSON event of {@code type} with a fresh event id; {@code customerId} null for shop-wide events. */
  static Map<String, Object> event(String type, String customerId, long at, Map<String, Object> fields) {
    Map<String, Object> event = new java.util.LinkedHashMap<>(fields);
    event.put("type", type);
    event.put("eventId", type + "-" + java.util.UUID.randomUUID());
    event.put("occurredAt", at);
    if (customerId != null) {
      event.put("customerId", customerId);
    }
    return event;
  }

  static Map<String, Object> usage(String eventId, String customerId, long used, long quota) {
    return Map.of("type", "usage_reported", "eventId", eventId, "customerId", customerId,
        "occurredAt", System.currentTimeMillis(), "resource", "storage", "usedUnits", used, "quotaUnits", quota,
        "plan", "basic");
  }
}
