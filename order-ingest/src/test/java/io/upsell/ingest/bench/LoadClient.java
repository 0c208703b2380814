package io.upsell.ingest.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** Drives the ingest API over loopback: closed-loop batches, and open-loop single events at a fixed rate. */
final class LoadClient {

  /** What a run measured: events accepted per second, request latencies in ms, and non-202 answers. */
  record Result(double eventsPerSecond, double p50Millis, double p99Millis, long errors, long requests) {}

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final String authorization;
  private final AtomicLong nextId = new AtomicLong();
  /** Non-202 answers by status code or exception, printed with the results. */
  final java.util.Map<String, Integer> errorKinds = new java.util.concurrent.ConcurrentHashMap<>();

  LoadClient(String baseUrl, String apiKey) {
    this.baseUrl = baseUrl;
    this.authorization = "Bearer " + apiKey;
  }

  /** {@code threads} senders each posting NDJSON batches of {@code size} fresh events back to back. */
  Result batches(int threads, int size, Duration duration) throws InterruptedException {
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicLong events = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long end = System.nanoTime() + duration.toNanos();
    long started = System.nanoTime();
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread sender = new Thread(() -> {
        while (System.nanoTime() < end) {
          StringBuilder body = new StringBuilder(size * 220);
          for (int i = 0; i < size; i++) {
            body.append(BenchEvents.usage(nextId.incrementAndGet())).append('\n');
          }
          long sent = System.nanoTime();
          try {
            var response = client.send(request("/v1/events/batch", "application/x-ndjson", body.toString()),
                HttpResponse.BodyHandlers.discarding());
            latencies.add(System.nanoTime() - sent);
            if (response.statusCode() == 202) {
              events.addAndGet(size);
            } else {
              errors.incrementAndGet();
            }
          } catch (Exception e) {
            errors.incrementAndGet();
          }
        }
      });
      sender.start();
      senders.add(sender);
    }
    for (Thread sender : senders) {
      sender.join();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return result(events.get() / seconds, latencies, errors.get());
  }

  /**
   * One event per request at {@code perSecond} over {@code connections} keep-alive connections (as wrk2 does):
   * each request has a due time on a fixed schedule and its latency counts from then, so a slow answer that
   * delays the next requests is charged to them too (no coordinated omission).
   */
  Result singles(int perSecond, Duration duration, int connections) throws InterruptedException {
    long interval = 1_000_000_000L / perSecond;
    long count = duration.toSeconds() * perSecond;
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>((int) count));
    AtomicLong errors = new AtomicLong();
    AtomicLong next = new AtomicLong();
    long started = System.nanoTime() + 10_000_000L;
    List<Thread> senders = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      Thread sender = new Thread(() -> {
        long i;
        while ((i = next.getAndIncrement()) < count) {
          long due = started + i * interval;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
          HttpRequest request = request("/v1/events", "application/json", BenchEvents.usage(nextId.incrementAndGet()));
          try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 202) {
              errors.incrementAndGet();
              errorKinds.merge(Integer.toString(status), 1, Integer::sum);
            }
          } catch (Exception e) {
            errors.incrementAndGet();
            errorKinds.merge(e.getClass().getSimpleName(), 1, Integer::sum);
          }
          latencies.add(System.nanoTime() - due);
        }
      });
      sender.start();
      senders.add(sender);
    }
    for (Thread sender : senders) {
      sender.join();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return result((count - errors.get()) / seconds, latencies, errors.get());
  }

  private HttpRequest request(String path, String contentType, String body) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", authorization).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
  }

  private static Result result(double perSecond, List<Long> latencies, long errors) {
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    return new Result(perSecond, percentile(sorted, 0.50), percentile(sorted, 0.99), errors, sorted.size());
  }

  private static double percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1e6;
  }
}
