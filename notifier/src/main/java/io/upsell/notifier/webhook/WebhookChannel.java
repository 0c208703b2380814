package io.upsell.notifier.webhook;

import io.upsell.notifier.NotifierConfig;
import io.upsell.notifier.customer.ShopRulesTable;
import io.upsell.notifier.delivery.Attempt.Kind;
import io.upsell.notifier.delivery.Attempt;
import io.upsell.notifier.delivery.Channel;
import io.upsell.notifier.tracking.DeliveryRef;
import io.upsell.platform.shops.Shop;
import io.upsell.platform.shops.ShopDirectory;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.upsell.UpsellTrigger;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs a trigger as JSON ({@link WebhookPayload}) to the shop's own URL, so a shop can deliver through its SMS or push provider. The body is
 * signed: {@code X-Upsell-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}; the receiver
 * checks the MAC and refuses old timestamps, which stops replays. One try per call: 2xx is SENT, 429 the shop's
 * endpoint throttling us, 5xx, 408 and network errors (refused, timed out) temporary, any other answer permanent.
 * Receivers de-duplicate on {@code X-Upsell-Delivery}, so a try cut off by a crash is simply made again.
 */
@ApplicationScoped
public class WebhookChannel implements Channel {

  private final HttpClient http;
  private final WebhookPayload payload;
  private final ShopRulesTable rules;
  private final ShopDirectory shops;
  private final NotifierConfig.Webhook config;
  private final Clock clock;

  public WebhookChannel(WebhookPayload payload, ShopRulesTable rules, ShopDirectory shops, NotifierConfig config,
      Clock clock) {
    this.payload = payload;
    this.rules = rules;
    this.shops = shops;
    this.config = config.webhook();
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).build();
  }

  @Override
  public DeliveryChannel id() {
    return DeliveryChannel.WEBHOOK;
  }

  @Override
  public boolean atMostOnce() {
    return false;
  }

  /** Each shop's endpoint is its own: one throttling us slows only that shop's calls. */
  @Override
  public String throttleKey(UpsellTrigger trigger) {
    return DeliveryChannel.WEBHOOK.name() + "/" + trigger.getShopId();
  }

  /** Whether the shop asked for its triggers to be POSTed to it. */
  public boolean wanted(String shopId) {
    return rules.webhookUrl(shopId).isPresent();
  }

  @Override
  public Attempt send(Send send) {
    UpsellTrigger trigger = send.trigger();
    Optional<String> url = rules.webhookUrl(trigger.getShopId());
    Optional<String> secret = shops.find(trigger.getShopId()).flatMap(Shop::webhookSecret);
    if (url.isEmpty() || secret.isEmpty()) {
      return new Attempt(Kind.PERMANENT, url.isEmpty() ? "the shop has no webhook URL"
          : "the shop has no webhook secret to sign with");
    }
    String deliveryId = DeliveryRef.idOf(trigger.getTriggerId(), DeliveryChannel.WEBHOOK);
    return call(url.get(), secret.get(), deliveryId, payload.json(trigger, send.profile()));
  }

  /** The signature header value for a body at a time. */
  public static String signature(String secret, long unixSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private Attempt call(String url, String secret, String deliveryId, String body) {
    var request = HttpRequest.newBuilder(URI.create(url)).timeout(config.timeout())
        .header("Content-Type", "application/json")
        .header("X-Upsell-Delivery", deliveryId)
        .header("X-Upsell-Signature", signature(secret, clock.instant().getEpochSecond(), body))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status >= 200 && status < 300) {
        return Attempt.sent();
      }
      Kind kind = status == 429 ? Kind.THROTTLED
          : status >= 500 || status == 408 ? Kind.TEMPORARY : Kind.PERMANENT;
      return new Attempt(kind, "HTTP " + status);
    } catch (IOException e) {
      return new Attempt(Kind.TEMPORARY, e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      // The service is stopping: the send is tried again from the retry schedule.
      Thread.currentThread().interrupt();
      return new Attempt(Kind.TEMPORARY, "interrupted");
    }
  }
}
