package io.upsell.ingest.api;

import io.upsell.ingest.IngestConfig;
import io.upsell.platform.http.ApiException;
import io.upsell.platform.http.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each shop may send {@code eventsPerSecond} events on average with bursts up to {@code burst} (a token bucket per
 * shop); beyond that a request gets 429 with the seconds until it would fit in {@code Retry-After}.
 */
@ApplicationScoped
public class RateLimiter {

  private final double perSecond;
  private final double burst;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  @Inject
  public RateLimiter(IngestConfig config) {
    this(config.rateLimit().eventsPerSecond(), Math.max(config.rateLimit().burst(), config.maxBatchEvents()));
  }

  RateLimiter(double perSecond, double burst) {
    this.perSecond = perSecond;
    this.burst = burst;
  }

  /** Takes {@code events} tokens from the shop's bucket, or refuses with 429. */
  public void admit(String shopId, int events) {
    double wait = buckets.computeIfAbsent(shopId, id -> new Bucket(burst)).take(Math.max(events, 1), perSecond, burst);
    if (wait > 0) {
      String seconds = Long.toString((long) Math.ceil(wait));
      throw new ApiException(429, "rate limit exceeded",
          List.of(new FieldError("shop", "more than " + (long) perSecond + " events/s")),
          Map.of("Retry-After", seconds));
    }
  }

  private static final class Bucket {
    private double tokens;
    private long refilledAt = System.nanoTime();

    Bucket(double tokens) {
      this.tokens = tokens;
    }

    /** 0 when taken; otherwise seconds until there would be enough. */
    synchronized double take(int events, double perSecond, double burst) {
      long now = System.nanoTime();
      tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
      refilledAt = now;
      if (tokens >= events) {
        tokens -= events;
        return 0;
      }
      return (events - tokens) / perSecond;
    }
  }
}
