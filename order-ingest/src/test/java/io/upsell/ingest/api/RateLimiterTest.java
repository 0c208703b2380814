package io.upsell.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsell.platform.http.ApiException;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  @Test
  void refusesBeyondTheBurstWith429AndTheSecondsUntilTheRequestWouldFit() {
    RateLimiter limiter = new RateLimiter(10, 100);
    limiter.admit("shop-a", 100);

    assertThatThrownBy(() -> limiter.admit("shop-a", 50))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(429);
          // 50 events at 10/s need about 5 s more; rounded up.
          assertThat(Integer.parseInt(e.headers().get("Retry-After"))).isBetween(4, 5);
        });
  }

  @Test
  void eachShopHasItsOwnBucket() {
    RateLimiter limiter = new RateLimiter(10, 100);
    limiter.admit("shop-a", 100);

    limiter.admit("shop-b", 100);
    assertThatThrownBy(() -> limiter.admit("shop-b", 1)).isInstanceOf(ApiException.class);
  }

  @Test
  void aShopOverItsLimitDoesNotSlowAnotherShop() {
    RateLimiter limiter = new RateLimiter(10, 100);
    limiter.admit("shop-b", 100);
    assertThatThrownBy(() -> limiter.admit("shop-b", 1)).isInstanceOf(ApiException.class);

    limiter.admit("shop-a", 100); // the whole burst of A is still there
    assertThatThrownBy(() -> limiter.admit("shop-a", 1)).isInstanceOf(ApiException.class);
  }
}
