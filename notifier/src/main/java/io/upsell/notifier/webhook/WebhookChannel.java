package io.upsell.notifier.webhook;

import io.upsell.notifier.NotifierConfig;
import io.upsell.notifier.delivery.Backoff;
import io.upsell.notifier.delivery.Outcomes;
import io.upsell.schemas.crm.CustomerProfile;
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
 * checks the MAC and refuses old timestamps, which stops replays. 5xx, 408, 429 and network errors are retried
 * with backoff; other answers are final. Receivers de-duplicate on {@code X-Upsell-Delivery}.
 */
@ApplicationScoped
public class WebhookChannel {

  /** How a webhook call ended: {@code error} is null on success. */
  public record Result(String error, boolean retriable, int attempts) {}

  private final HttpClient http;
  private final WebhookPayload payload;
  private final NotifierConfig.Webhook config;
  private final Backoff backoff;
  private final Clock clock;

  public WebhookChannel(WebhookPayload payload, NotifierConfig config, Clock clock) {
    this.payload = payload;
    this.config = config.webhook();
    this.clock = clock;
    this.backoff = new Backoff(this.config.initialBackoff(), this.config.initialBackoff().multipliedBy(16));
    this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).build();
  }

  public Result send(UpsellTrigger trigger, Optional<CustomerProfile> profile, String url, String secret) {
    String deliveryId = Outcomes.deliveryId(trigger.getTriggerId(), DeliveryChannel.WEBHOOK);
    String body = payload.json(trigger, profile);
    Result last = null;
    for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
      last = call(url, secret, deliveryId, body, attempt);
      if (last.error() == null || !last.retriable()) {
        return last;
      }
      if (attempt < config.maxAttempts() && !backoff.pause(attempt)) {
        break;
      }
    }
    return last;
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

  private Result call(String url, String secret, String deliveryId, String body, int attempt) {
    var request = HttpRequest.newBuilder(URI.create(url)).timeout(config.timeout())
        .header("Content-Type", "application/json")
        .header("X-Upsell-Delivery", deliveryId)
        .header("X-Upsell-Signature", signature(secret, clock.instant().getEpochSecond(), body))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status >= 200 && status < 300) {
        return new Result(null, false, attempt);
      }
      return new Result("HTTP " + status, status >= 500 || status == 408 || status == 429, attempt);
    } catch (IOException e) {
      return new Result(e.getClass().getSimpleName(), true, attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result("interrupted", false, attempt);
    }
  }
}
