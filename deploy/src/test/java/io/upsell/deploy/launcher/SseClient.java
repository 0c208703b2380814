package io.upsell.deploy.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A browser-like Server-Sent Events client: keeps the stream open in the background and collects data lines. */
final class SseClient implements AutoCloseable {

  private final List<String> data = new CopyOnWriteArrayList<>();
  private final Thread reader;
  private volatile int status;

  SseClient(String url) {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").GET().build();
    reader = new Thread(() -> {
      try {
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        status = response.statusCode();
        response.body().filter(line -> line.startsWith("data:")).forEach(line -> data.add(line.substring(5).strip()));
      } catch (Exception e) {
        // Closed by the test, or the stream ended: what arrived is in data.
      }
    }, "sse-client");
    reader.setDaemon(true);
    reader.start();
  }

  /** Waits until a data line containing {@code text} arrived; the lines seen so far. */
  List<String> await(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (data.stream().noneMatch(line -> line.contains(text)) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    return List.copyOf(data);
  }

  int status() {
    return status;
  }

  @Override
  public void close() {
    reader.interrupt();
  }
}
