package io.upsell.analytics.system;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A real HTTP server standing in for a service whose stream thread died, answering {@code /q/health} and
 * {@code /q/metrics} as a Quarkus service does; the system panel is pointed at it and at a port nobody listens on.
 */
public class StandInService implements QuarkusTestResourceLifecycleManager {

  static final String HEALTH = """
      {"status":"DOWN","checks":[{"name":"Kafka connection health check","status":"UP"},
      {"name":"kafka-streams","status":"DOWN","data":{"state":"ERROR","reason":"stream thread died: \
      java.lang.OutOfMemoryError: Java heap space"}}]}""";
  static final String METRICS = """
      # TYPE upsell_consumer_lag gauge
      upsell_consumer_lag{topic="app.usage"} 40.0
      upsell_consumer_lag{topic="shop.carts"} 2.0
      upsell_worker_lag{worker="trigger-consumer"} 3.0
      upsell_records_consumed_total{topic="app.usage"} 1000.0
      """;

  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/q/health", exchange -> answer(exchange, 503, HEALTH));
    server.createContext("/q/metrics", exchange -> answer(exchange, 200, METRICS));
    server.start();
    return Map.of("analytics.system.services", "stand-in=http://127.0.0.1:" + server.getAddress().getPort()
        + ",gone=http://127.0.0.1:" + closedPort());
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }
}
