package io.upsell.notifier.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a signed token vouches for. Short JSON names keep links short.
 *
 * @param url for a click: the only place the redirect may lead
 * @param expiresAt epoch seconds
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenClaim(
    @JsonProperty("k") Kind kind,
    @JsonProperty("s") String shopId,
    @JsonProperty("c") String customerId,
    @JsonProperty("d") String deliveryId,
    @JsonProperty("t") String triggerId,
    @JsonProperty("ch") String channel,
    @JsonProperty("l") String locale,
    @JsonProperty("u") String url,
    @JsonProperty("e") long expiresAt) {

  /** What the token may be used for. */
  public enum Kind { OPEN, CLICK, UNSUBSCRIBE, INAPP }

  /** An in-app token: one shop's one customer, nothing else. */
  public static TokenClaim inApp(String shopId, String customerId, long expiresAt) {
    return new TokenClaim(Kind.INAPP, shopId, customerId, null, null, null, null, null, expiresAt);
  }
}
