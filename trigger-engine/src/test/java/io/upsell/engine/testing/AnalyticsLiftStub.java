package io.upsell.engine.testing;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Analytics' {@code GET /v1/shops/{id}/lift} as it answers for a shop with holdout data on post-purchase cross-sells
 * of variant A only (treated customers earned 125.5 minor units more, 95% interval 40.25 to 210.75): the engine under
 * test prices a backtest's sends by it. Each request is kept as "path Authorization".
 */
public final class AnalyticsLiftStub implements QuarkusTestResourceLifecycleManager {

  public static final String LIFT = """
      {"shopId":"shop-b","from":"2026-11-07","to":"2026-12-08","variants":[
       {"triggerType":"POST_PURCHASE_CROSS_SELL","variant":"A","treated":{"customers":400},"control":{"customers":40},
        "revenuePerCustomerLift":{"difference":125.5,"ci95Low":40.25,"ci95High":210.75,"relative":0.3}}]}""";
  public static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/v1/shops", exchange -> {
      REQUESTS.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] body = LIFT.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    return Map.of("upsell.backtest.analytics-url", "http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void stop() {
    server.stop(0);
  }
}
