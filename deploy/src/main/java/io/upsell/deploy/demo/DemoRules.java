package io.upsell.deploy.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * The demo shop's rules and copy, set through the engine's rules API and the notifier's template API as a shop would:
 * the shop flows wait minutes instead of half an hour and the flash sale follows a few minutes later with a deadline
 * two hours on, so a person trying the demo sees the reminder, the flash sale and the cross-sell while they watch;
 * codes start with the shop's prefix; and the English abandoned-cart email speaks the shop's own words.
 */
final class DemoRules {

  private static final Logger LOG = Logger.getLogger(DemoRules.class.getName());
  static final String RULES = """
      {"settings":{"CART_ABANDONED.delayMinutes":"2","CHECKOUT_ABANDONED.delayMinutes":"2",
      "CART_ABANDONED.stepTwoDelayMinutes":"5","CHECKOUT_ABANDONED.stepTwoDelayMinutes":"5",
      "CART_ABANDONED.stepTwoDeadlineHours":"2","CHECKOUT_ABANDONED.stepTwoDeadlineHours":"2",
      "POST_PURCHASE_CROSS_SELL.delayMinutes":"1","coupon.prefix":"DEMO"}}""";
  static final String CART_EMAIL_TEMPLATE = """
      {"subject":"{customer.name}, your basket at {shop.name} is waiting",
      "title":"Still thinking it over, {customer.name}?",
      "body":["You left {#for item in items}{item.name}{#if item_hasNext}, {/if}{/for} in your basket.",
      "{#if offer.code}Use code {offer.code} for {offer.discount} off{#if offer.deadline} until {offer.deadline}{/if}.{/if}"],
      "button":"Back to my basket"}""";

  private DemoRules() {}

  static void applyInBackground(String engine, String notifier, String apiKey) {
    Thread thread = new Thread(() -> {
      put(engine + "/v1/shops/demo/rules", RULES, apiKey);
      put(notifier + "/v1/shops/demo/templates/CART_ABANDONED/email/en", CART_EMAIL_TEMPLATE, apiKey);
    }, "demo-rules");
    thread.setDaemon(true);
    thread.start();
  }

  private static void put(String url, String body, String apiKey) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + apiKey)
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build();
    for (int attempt = 0; attempt < 30; attempt++) {
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
        Thread.sleep(2000);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        // The service is still starting: try again.
      }
    }
    LOG.warning("the demo shop's " + (url.contains("/rules") ? "rules" : "email copy") + " could not be set at "
        + url + "; the defaults stay");
  }
}
