package io.upsell.deploy.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Talks JSON to one service of the stack (the engine's backtest endpoint, analytics' lift, the notifier's preview)
 * with the shop's API key, which goes only in the Authorization header.
 */
final class StackClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI service;
  private final String apiKey;

  StackClient(URI service, String apiKey) {
    this.service = service;
    this.apiKey = apiKey;
  }

  /** Answer of one call: the status and the JSON body. */
  record Reply(int status, JsonNode body) {}

  URI service() {
    return service;
  }

  Reply post(String path, JsonNode body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(service.resolve(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  Reply get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(service.resolve(path)).GET());
  }

  private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(
        request.header("Authorization", "Bearer " + apiKey).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    String body = response.body();
    return new Reply(response.statusCode(), body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body));
  }
}
