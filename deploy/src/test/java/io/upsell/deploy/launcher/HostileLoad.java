package io.upsell.deploy.launcher;

import io.upsell.deploy.demo.DemoShop;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Fires hostile bodies at every API that takes a shop's or a customer's input — the three ingest paths, the
 * notifier's token minting and the analytics KPI query (the body becomes its query string) — four at a time, and
 * measures what a leak would show: each service's live heap right after a full collection.
 */
final class HostileLoad {

  private static final List<String> INGEST_PATHS = List.of("/v1/events", "/v1/events/batch", "/v1/segment");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  private final TestStack stack;
  private final Map<Integer, Long> statuses;
  private final List<String> failures;

  HostileLoad(TestStack stack, Map<Integer, Long> statuses, List<String> failures) {
    this.stack = stack;
    this.statuses = statuses;
    this.failures = failures;
  }

  /** Sends every body, counting statuses and unanswered requests; false when they did not all end in 5 min. */
  boolean fire(List<byte[]> bodies) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int i = 0; i < bodies.size(); i++) {
      HttpRequest request = request(i, bodies.get(i));
      pool.submit(() -> {
        try {
          statuses.merge(HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode(), 1L, Long::sum);
        } catch (Exception e) {
          failures.add(request.uri().getPath() + ": " + e.getClass().getSimpleName());
        }
      });
    }
    pool.shutdown();
    return pool.awaitTermination(5, TimeUnit.MINUTES);
  }

  private HttpRequest request(int i, byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + stack.apiKey()).header("Content-Type", "application/json");
    return switch (i % 5) {
      case 3 -> request.uri(URI.create(stack.url("notifier") + "/v1/inapp/tokens"))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      case 4 -> request.uri(URI.create(stack.url("analytics") + "/v1/shops/" + DemoShop.ID + "/kpis?from="
          + asQueryValue(body) + "&granularity=day"))
          .GET().build();
      default -> request.uri(URI.create(stack.url("order-ingest") + INGEST_PATHS.get(i % 5)))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    };
  }

  // A URL is not a body: past Vert.x's 4,096-byte request line the server answers 414 and closes while the
  // client may still be writing, which tests the client, not us. So the query value is the body, URL-encoded,
  // cut to 3,000 characters at an escape boundary: the analytics parser still meets every hostile value.
  private static String asQueryValue(byte[] body) {
    String encoded = URLEncoder.encode(new String(body, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    if (encoded.length() <= 3_000) {
      return encoded;
    }
    int cut = 3_000;
    int escape = encoded.lastIndexOf('%', cut - 1);
    return encoded.substring(0, escape >= cut - 2 ? escape : cut);
  }

  /** Each service's heap in use, MB, read from its metrics right after {@code jcmd GC.run} collected it. */
  static Map<String, Long> heapAfterGcMb(TestStack stack, List<String> services) throws Exception {
    Map<String, Long> heap = new LinkedHashMap<>();
    for (String service : services) {
      long pid = ChildProcess.running(stack.home, service).orElseThrow().pid();
      Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
          Long.toString(pid), "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
        throw new IllegalStateException("jcmd GC.run failed for " + service);
      }
      String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url(service) + "/q/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      double bytes = metrics.lines().filter(line -> line.startsWith("jvm_memory_used_bytes{area=\"heap\""))
          .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
      if (bytes <= 0) {
        throw new IllegalStateException(service + " publishes no jvm_memory_used_bytes for the heap");
      }
      heap.put(service, Math.round(bytes / (1024 * 1024)));
    }
    return heap;
  }

  static long rssKb(TestStack stack, String role) throws Exception {
    long pid = ChildProcess.running(stack.home, role).orElseThrow().pid();
    return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
        .filter(line -> line.startsWith("VmRSS:"))
        .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(0);
  }
}
