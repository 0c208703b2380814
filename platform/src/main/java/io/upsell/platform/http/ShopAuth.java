package io.upsell.platform.http;

import io.upsell.platform.shops.Shop;
import io.upsell.platform.shops.ShopDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/** Server-to-server calls: {@code Authorization: Bearer <shop API key>}; the key decides the shop. */
@ApplicationScoped
public class ShopAuth {

  private static final String BEARER = "bearer ";

  private final ShopDirectory shops;

  public ShopAuth(ShopDirectory shops) {
    this.shops = shops;
  }

  /** The shop whose key the header carries; 401 when there is none or it is unknown. */
  public Shop shop(String authorization) {
    if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
      throw ApiException.unauthorized("a shop API key is required: Authorization: Bearer <key>");
    }
    return shops.authenticate(authorization.substring(BEARER.length()).strip())
        .orElseThrow(() -> ApiException.unauthorized("unknown API key"));
  }

  /** As {@link #shop(String)}, and 403 when the call names another shop than the key's. */
  public Shop shop(String authorization, String claimedShopId) {
    Shop shop = shop(authorization);
    if (claimedShopId != null && !shop.id().equals(claimedShopId)) {
      throw ApiException.forbidden("shopId", "this API key cannot act for shop '" + claimedShopId + "'");
    }
    return shop;
  }
}
