package io.upsell.notifier.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A minimal Server-Sent Events client: collects the events of one stream in arrival order. */
public final class SseClient implements AutoCloseable {

  /** One event as received. */
  public record Event(String id, String name, String data, long receivedNanos) {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final CompletableFuture<?> call;

  public SseClient(HttpClient http, String url, String lastEventId) {
    var request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    call = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> r.body().forEach(
        new java.util.function.Consumer<String>() {
          private String id;
          private String name;
          private final StringBuilder data = new StringBuilder();

          @Override
          public void accept(String line) {
            if (line.isEmpty()) {
              if (data.length() > 0) {
                events.add(new Event(id, name == null ? "message" : name, data.toString(), System.nanoTime()));
              }
              id = null;
              name = null;
              data.setLength(0);
            } else if (line.startsWith("id:")) {
              id = line.substring(3).strip();
            } else if (line.startsWith("event:")) {
              name = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
              data.append(line.substring(5).strip());
            }
          }
        }));
  }

  /** The next event matching {@code filter} within the timeout, or null. */
  public Event next(Predicate<Event> filter, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Event e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e != null && filter.test(e)) {
        return e;
      }
    }
    return null;
  }

  @Override
  public void close() {
    call.cancel(true);
  }
}
