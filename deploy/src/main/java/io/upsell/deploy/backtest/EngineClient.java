package io.upsell.deploy.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Talks to the trigger engine's backtest endpoint; the API key goes only in the Authorization header. */
final class EngineClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI engine;
  private final String apiKey;

  EngineClient(URI engine, String apiKey) {
    this.engine = engine;
    this.apiKey = apiKey;
  }

  /** Answer of one call: the status and the JSON body. */
  record Reply(int status, JsonNode body) {}

  Reply start(JsonNode request) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(engine.resolve("/v1/backtests"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))));
  }

  Reply job(String id) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(engine.resolve("/v1/backtests/" + id)).GET());
  }

  private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(
        request.header("Authorization", "Bearer " + apiKey).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    String body = response.body();
    return new Reply(response.statusCode(), body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body));
  }
}
