package io.upsell.notifier.inapp;

import io.upsell.notifier.tracking.TokenClaim;
import io.upsell.notifier.tracking.TokenClaim.Kind;
import io.upsell.notifier.tracking.Tokens;
import io.upsell.platform.http.ApiException;
import io.upsell.schemas.topics.Keys;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Locale;

/**
 * In-app calls carry a customer token ({@code Authorization: Bearer} or, for EventSource which cannot set headers,
 * {@code ?token=}); the token alone decides whose inbox is read. Naming another customer or shop is refused (403).
 */
@ApplicationScoped
public class InAppAuth {

  private final Tokens tokens;
  private final Clock clock;

  public InAppAuth(Tokens tokens, Clock clock) {
    this.tokens = tokens;
    this.clock = clock;
  }

  /** The customer key the token is for; 401 without a valid token, 403 when the call names someone else. */
  public String customerKey(String authorization, String tokenParam, String claimedShopId, String claimedCustomerId) {
    String token = token(authorization, tokenParam);
    if (token == null || token.isBlank()) {
      throw ApiException.unauthorized("a customer token is required: Authorization: Bearer <token> or ?token=");
    }
    TokenClaim claim = tokens.verify(token, Kind.INAPP, clock.instant())
        .orElseThrow(() -> ApiException.unauthorized("the customer token is invalid or expired"));
    if (claimedShopId != null && !claimedShopId.equals(claim.shopId())) {
      throw ApiException.forbidden("shopId", "this token cannot act for another shop");
    }
    if (claimedCustomerId != null && !claimedCustomerId.equals(claim.customerId())) {
      throw ApiException.forbidden("customerId", "this token cannot read another customer's messages");
    }
    return Keys.customer(claim.shopId(), claim.customerId());
  }

  /** The token as sent: the bearer header's, else the query parameter's. */
  public static String token(String authorization, String tokenParam) {
    if (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
      return authorization.substring(7).strip();
    }
    return tokenParam;
  }
}
