package io.upsell.bench.ingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One scrape of the service's Prometheus endpoint, reduced to what a benchmark phase needs: histogram buckets and
 * counters summed over the series that match. Subtracting the scrape before a phase from the one after gives that
 * phase's own distribution, whatever ran before it.
 */
final class ServiceMetrics {

  private final Map<String, Double> samples = new TreeMap<>();

  private ServiceMetrics(String text) {
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      samples.merge(line.substring(0, space), Double.parseDouble(line.substring(space + 1)), Double::sum);
    }
  }

  static ServiceMetrics scrape(String baseUrl) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    String text = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return new ServiceMetrics(text);
  }

  /** Cumulative bucket counts (upper bound in the metric's unit → count) of {@code name}, over matching series. */
  TreeMap<Double, Double> buckets(String name, Predicate<String> series) {
    TreeMap<Double, Double> buckets = new TreeMap<>();
    samples.forEach((key, value) -> {
      if (key.startsWith(name + "_bucket{") && series.test(key)) {
        int le = key.indexOf("le=\"");
        String bound = key.substring(le + 4, key.indexOf('"', le + 4));
        buckets.merge(bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound), value, Double::sum);
      }
    });
    return buckets;
  }

  /** The sum of every sample of {@code name} (a counter or a _sum/_count) over matching series. */
  double total(String name, Predicate<String> series) {
    return samples.entrySet().stream()
        .filter(e -> (e.getKey().equals(name) || e.getKey().startsWith(name + "{")) && series.test(e.getKey()))
        .mapToDouble(Map.Entry::getValue).sum();
  }

  /** Whether the scrape holds any sample of {@code name}. */
  boolean has(String name) {
    return samples.keySet().stream().anyMatch(key -> key.equals(name) || key.startsWith(name + "{"));
  }

  /** {@code after - before} bucket by bucket. */
  static TreeMap<Double, Double> minus(TreeMap<Double, Double> after, TreeMap<Double, Double> before) {
    TreeMap<Double, Double> diff = new TreeMap<>();
    after.forEach((bound, count) -> diff.put(bound, count - before.getOrDefault(bound, 0.0)));
    return diff;
  }

  /** The upper bound of the bucket holding quantile {@code q} of cumulative buckets, or NaN when empty. */
  static double quantile(TreeMap<Double, Double> cumulative, double q) {
    if (cumulative.isEmpty() || cumulative.lastEntry().getValue() <= 0) {
      return Double.NaN;
    }
    double rank = Math.ceil(q * cumulative.lastEntry().getValue());
    for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
      if (bucket.getValue() >= rank) {
        return bucket.getKey();
      }
    }
    return Double.POSITIVE_INFINITY;
  }
}
