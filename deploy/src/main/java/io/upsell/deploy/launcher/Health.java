package io.upsell.deploy.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Whether a process of the stack answers its health URL with 200. */
final class Health {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Health() {}

  static boolean ok(String url) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Polls {@code url} until it is healthy or {@code timeout} passed; false when the process died meanwhile. */
  static boolean await(String url, Duration timeout, java.util.function.BooleanSupplier alive)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (ok(url)) {
        return true;
      }
      if (!alive.getAsBoolean()) {
        return false;
      }
      Thread.sleep(500);
    }
    return false;
  }
}
