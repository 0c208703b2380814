package io.upsell.deploy.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Posts batches to {@code /v1/events/batch} as NDJSON. A 429 or 503 (or a refused connection) is retried after its
 * Retry-After, which is safe because event ids make a resent event a duplicate; any other refusal stops the import.
 */
final class BatchSender {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX_ATTEMPTS = 30;

  /** The ingest API's answer to one batch. */
  record Accepted(long accepted, long duplicates) {}

  /** The API refused a batch for a reason a retry cannot fix. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI endpoint;
  private final String apiKey;

  BatchSender(String baseUrl, String apiKey) {
    this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/v1/events/batch");
    this.apiKey = apiKey;
  }

  Accepted send(List<String> events) throws Refused, InterruptedException {
    byte[] body = (String.join("\n", events) + "\n").getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/x-ndjson").header("Authorization", "Bearer " + apiKey)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    String last = "";
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == 202) {
          JsonNode answer = JSON.readTree(response.body());
          return new Accepted(answer.path("accepted").asLong(), answer.path("duplicates").asLong());
        }
        if (status != 429 && status != 503) {
          throw new Refused("HTTP " + status + ": " + response.body());
        }
        last = "HTTP " + status;
        Thread.sleep(1000L * retryAfter(response));
      } catch (IOException e) {
        last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        Thread.sleep(1000);
      }
    }
    throw new Refused("gave up after " + MAX_ATTEMPTS + " attempts, last: " + last);
  }

  private static long retryAfter(HttpResponse<?> response) {
    try {
      return Math.min(30, Math.max(1, Long.parseLong(response.headers().firstValue("Retry-After").orElse("1"))));
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
