package io.upsell.engine.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The shop's own measured lift as analytics answered {@code GET /v1/shops/{id}/lift} (its default period), in the
 * shop's currency, or why there is none. Asked once, when a backtest starts, with the caller's own key: the engine
 * holds no shop key, and keeps none after the call.
 *
 * @param lift analytics' answer, or null when there is none
 * @param currency the shop's currency, whose minor units the estimate is in
 * @param unavailable why there is no answer (analytics' status and error, or that it cannot be reached), or null
 */
public record MeasuredLift(JsonNode lift, String currency, String unavailable) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Asks analytics at {@code analytics} for {@code shopId}'s lift with the caller's {@code authorization}. */
  static MeasuredLift ask(URI analytics, String shopId, String currency, String authorization, Duration timeout) {
    URI uri = analytics.resolve("/v1/shops/" + URLEncoder.encode(shopId, StandardCharsets.UTF_8) + "/lift");
    HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
    try {
      HttpResponse<String> reply = http.send(HttpRequest.newBuilder(uri).timeout(timeout)
          .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = reply.body() == null || reply.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(reply.body());
      return reply.statusCode() == 200 ? new MeasuredLift(body, currency, null)
          : new MeasuredLift(null, currency, "analytics answered " + reply.statusCode() + ": "
              + body.path("error").asText());
    } catch (IOException e) {
      return new MeasuredLift(null, currency, "analytics at " + analytics + " cannot be reached (" + e + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new MeasuredLift(null, currency, "interrupted while asking analytics");
    }
  }
}
