package io.upsell.bench.ingest;

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

  /**
   * What a run measured: events accepted per second, non-202 answers, the latency of each request answered 202 (a fast
   * 503 or 429 would flatter the percentiles, so refusals are only counted) and how late the client started sending
   * each request after its due time (open loop only; a late start is the client's own delay), in ns.
   */
  record Result(double eventsPerSecond, long errors, long[] latencies, long[] lateStarts) {

    double p50Millis() {
      return latencyMillis(0.50);
    }

    double p99Millis() {
      return latencyMillis(0.99);
    }

    double latencyMillis(double q) {
      return percentile(latencies, q);
    }

    double lateStartMillis(double q) {
      return percentile(lateStarts, q);
    }
  }

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
            if (response.statusCode() == 202) {
              latencies.add(System.nanoTime() - sent);
              events.addAndGet(size);
            } else {
              errors.incrementAndGet();
              errorKinds.merge(Integer.toString(response.statusCode()), 1, Integer::sum);
            }
          } catch (Exception e) {
            errors.incrementAndGet();
            errorKinds.merge(e.getClass().getSimpleName(), 1, Integer::sum);
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
    return result(events.get() / seconds, latencies, List.of(), errors.get());
  }

  /**
   * One event per request at {@code perSecond} over {@code connections} keep-alive connections, each driven by its
   * own thread over a plain socket ({@link KeepAliveConnection}), as wrk2 does:
   * each request has a due time on a fixed schedule and its latency counts from then, so a slow answer that
   * delays the next requests is charged to them too (no coordinated omission).
   */
  Result singles(int perSecond, Duration duration, int connections) throws InterruptedException {
    long interval = 1_000_000_000L / perSecond;
    long count = duration.toSeconds() * perSecond;
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>((int) count));
    List<Long> lateStarts = Collections.synchronizedList(new ArrayList<>((int) count));
    AtomicLong errors = new AtomicLong();
    AtomicLong next = new AtomicLong();
    long started = System.nanoTime() + 10_000_000L;
    List<Thread> senders = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      Thread sender = new Thread(() -> {
        try (KeepAliveConnection connection = new KeepAliveConnection(URI.create(baseUrl), authorization)) {
          long i;
          while ((i = next.getAndIncrement()) < count) {
            long due = started + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
              LockSupport.parkNanos(wait);
            }
            byte[] body = BenchEvents.usage(nextId.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
            lateStarts.add(System.nanoTime() - due);
            try {
              int status = connection.post("/v1/events", "application/json", body);
              if (status == 202) {
                latencies.add(System.nanoTime() - due);
              } else {
                errors.incrementAndGet();
                errorKinds.merge(Integer.toString(status), 1, Integer::sum);
              }
            } catch (Exception e) {
              errors.incrementAndGet();
              errorKinds.merge(e.getClass().getSimpleName(), 1, Integer::sum);
            }
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
    return result((count - errors.get()) / seconds, latencies, lateStarts, errors.get());
  }

  private HttpRequest request(String path, String contentType, String body) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", authorization).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
  }

  private static Result result(double perSecond, List<Long> latencies, List<Long> lateStarts, long errors) {
    return new Result(perSecond, errors, sorted(latencies), sorted(lateStarts));
  }

  private static long[] sorted(List<Long> values) {
    long[] sorted;
    synchronized (values) {
      sorted = values.stream().mapToLong(Long::longValue).toArray();
    }
    java.util.Arrays.sort(sorted);
    return sorted;
  }

  /** Quantile {@code p} of sorted nanoseconds, in ms (p = 1 is the maximum). */
  static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[(int) Math.max(0, Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1))] / 1e6;
  }
}
