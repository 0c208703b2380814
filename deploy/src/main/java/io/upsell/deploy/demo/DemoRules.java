package io.upsell.deploy.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * The demo shop's rules: the shop flows wait minutes instead of half an hour, so a person trying the demo sees
 * the reminder and the cross-sell while they watch. Set through the engine's rules API, as a shop would.
 */
final class DemoRules {

  private static final Logger LOG = Logger.getLogger(DemoRules.class.getName());
  static final String RULES = """
      {"settings":{"CART_ABANDONED.delayMinutes":"2","CHECKOUT_ABANDONED.delayMinutes":"2",
      "POST_PURCHASE_CROSS_SELL.delayMinutes":"1"}}""";

  private DemoRules() {}

  static void applyInBackground(String engine, String apiKey) {
    Thread thread = new Thread(() -> apply(engine, apiKey), "demo-rules");
    thread.setDaemon(true);
    thread.start();
  }

  private static void apply(String engine, String apiKey) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(engine + "/v1/shops/demo/rules"))
        .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + apiKey)
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(RULES)).build();
    for (int attempt = 0; attempt < 30; attempt++) {
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
        Thread.sleep(2000);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        // The engine is still starting: try again.
      }
    }
    LOG.warning("the demo shop's rules could not be set; its reminders keep the default delays");
  }
}
