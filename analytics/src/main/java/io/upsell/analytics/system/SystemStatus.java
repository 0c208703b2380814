package io.upsell.analytics.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Each service's state, lag and last error, read over HTTP from what it already serves: {@code /q/health} (every
 * check, liveness and readiness) and the lag gauges on {@code /q/metrics}. Asked on each call, all services at once,
 * so the panel is as fresh as its refresh and a stopped service shows as UNREACHABLE rather than as its last state.
 */
@ApplicationScoped
public class SystemStatus {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Lag gauges: Kafka Streams inputs per topic, and each worker's (consumer loops, table readers). */
  private static final List<String> LAG_METRICS = List.of("upsell_consumer_lag{", "upsell_worker_lag{");

  private final Map<String, URI> services = new LinkedHashMap<>();
  private final SystemSettings settings;
  private final HttpClient http;

  public SystemStatus(SystemSettings settings) {
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    for (String entry : settings.services()) {
      int equals = entry.indexOf('=');
      if (equals < 1 || !entry.substring(equals + 1).strip().matches("https?://.+")) {
        throw new IllegalArgumentException("analytics.system.services: '" + entry + "' is not name=http(s)://host:port");
      }
      services.put(entry.substring(0, equals).strip(), URI.create(entry.substring(equals + 1).strip()));
    }
  }

  /** Every configured service, in configured order. */
  public List<ServiceState> services() {
    List<CompletableFuture<ServiceState>> asked = new ArrayList<>();
    services.forEach((name, url) -> asked.add(ask(name, url)));
    return asked.stream().map(CompletableFuture::join).toList();
  }

  private CompletableFuture<ServiceState> ask(String name, URI url) {
    CompletableFuture<HttpResponse<String>> health = get(url.resolve("/q/health"));
    CompletableFuture<HttpResponse<String>> metrics = get(url.resolve("/q/metrics"));
    return health.thenCombine(metrics, (h, m) -> state(name, url, h.body(), m.statusCode() == 200 ? m.body() : null))
        .exceptionally(e -> new ServiceState(name, url.toString(), "UNREACHABLE", null, "no answer from " + url));
  }

  private CompletableFuture<HttpResponse<String>> get(URI uri) {
    return http.sendAsync(HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A service's state from its health answer (200 UP or 503 DOWN, both JSON) and its metrics (null: none). */
  static ServiceState state(String name, URI url, String health, String metrics) {
    JsonNode body;
    try {
      body = JSON.readTree(health);
    } catch (Exception e) {
      return new ServiceState(name, url.toString(), "DOWN", null, "health answered no JSON");
    }
    String state = body.path("status").asText("DOWN");
    List<String> down = new ArrayList<>();
    for (JsonNode check : body.path("checks")) {
      if (!"UP".equals(check.path("status").asText())) {
        JsonNode reason = check.path("data").path("reason");
        down.add(check.path("name").asText() + (reason.isMissingNode() ? "" : ": " + reason.asText()));
      }
    }
    Long lag = metrics == null ? null : lag(metrics);
    return new ServiceState(name, url.toString(), state, lag, down.isEmpty() ? null : String.join("; ", down));
  }

  /** The sum of the lag gauges in a Prometheus text exposition. */
  static long lag(String exposition) {
    return exposition.lines().filter(line -> LAG_METRICS.stream().anyMatch(line::startsWith))
        .mapToDouble(line -> parse(line.substring(line.lastIndexOf(' ') + 1))).mapToLong(Math::round).sum();
  }

  private static double parse(String value) {
    try {
      double parsed = Double.parseDouble(value);
      return Double.isNaN(parsed) ? 0 : parsed;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
