package io.upsell.notifier.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a signed token vouches for. Short JSON names keep links short.
 *
 * @param url for a click: the only place the redirect may lead
 * @param expiresAt epoch seconds
 * @param productIds for a "not relevant" link: the products the down-vote concerns
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
    @JsonProperty("e") long expiresAt,
    @JsonProperty("p") List<String> productIds) {

  /** What the token may be used for. */
  public enum Kind { OPEN, CLICK, UNSUBSCRIBE, INAPP, NOT_RELEVANT }

  public TokenClaim(Kind kind, String shopId, String customerId, String deliveryId, String triggerId, String channel,
      String locale, String url, long expiresAt) {
    this(kind, shopId, customerId, deliveryId, triggerId, channel, locale, url, expiresAt, null);
  }

  /** An in-app token: one shop's one customer, nothing else. */
  public static TokenClaim inApp(String shopId, String customerId, long expiresAt) {
    return new TokenClaim(Kind.INAPP, shopId, customerId, null, null, null, null, null, expiresAt);
  }
}
