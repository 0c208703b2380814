package io.upsell.notifier.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upsell.notifier.NotifierConfig;
import io.upsell.notifier.delivery.Backoff;
import io.upsell.notifier.delivery.Outcomes;
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
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs a trigger as JSON to the shop's own URL, so a shop can deliver through its SMS or push provider. The body is
 * signed: {@code X-Upsell-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}; the receiver
 * checks the MAC and refuses old timestamps, which stops replays. 5xx, 408, 429 and network errors are retried
 * with backoff; other answers are final. Receivers de-duplicate on {@code X-Upsell-Delivery}.
 */
@ApplicationScoped
public class WebhookChannel {

  /** How a webhook call ended: {@code error} is null on success. */
  public record Result(String error, boolean retriable, int attempts) {}

  private final HttpClient http;
  private final ObjectMapper json;
  private final NotifierConfig.Webhook config;
  private final Backoff backoff;
  private final Clock clock;

  public WebhookChannel(ObjectMapper json, NotifierConfig config, Clock clock) {
    this.json = json;
    this.config = config.webhook();
    this.clock = clock;
    this.backoff = new Backoff(this.config.initialBackoff(), this.config.initialBackoff().multipliedBy(16));
    this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).build();
  }

  public Result send(UpsellTrigger trigger, String url, String secret) {
    String deliveryId = Outcomes.deliveryId(trigger.getTriggerId(), DeliveryChannel.WEBHOOK);
    String body = body(trigger, deliveryId);
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

  private String body(UpsellTrigger t, String deliveryId) {
    var offer = t.getOffer();
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("productIds", offer.getProductIds());
    o.put("discountPercent", offer.getDiscountPercent());
    o.put("discountMinor", offer.getDiscountMinor());
    o.put("currency", offer.getCurrency());
    o.put("couponCode", offer.getCouponCode());
    o.put("plan", offer.getPlan());
    o.put("courseId", offer.getCourseId());
    o.put("url", offer.getUrl());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("deliveryId", deliveryId);
    m.put("triggerId", t.getTriggerId());
    m.put("type", t.getType().name());
    m.put("shopId", t.getShopId());
    m.put("customerId", t.getCustomerId());
    m.put("variant", t.getVariant());
    m.put("reason", t.getReason());
    m.put("offer", o);
    m.put("firedAt", t.getFiredAt().toEpochMilli());
    try {
      return json.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of plain values is always serialisable", e);
    }
  }
}
