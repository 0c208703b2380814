package io.upsell.analytics.api;

import io.upsell.platform.http.ShopAuth;
import io.upsell.platform.shops.Shop;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The shops a dashboard user may pick: those their API key opens (one today), never the list of all tenants,
 * and never credentials.
 */
@Path("/v1/shops")
@Produces(MediaType.APPLICATION_JSON)
public class ShopListResource {

  private final ShopAuth auth;

  public ShopListResource(ShopAuth auth) {
    this.auth = auth;
  }

  /** A shop as the picker shows it; {@code locale} is the shop's default locale, the dashboard's language. */
  public record ShopEntry(String id, String name, String timeZone, String currency, String locale) {}

  @GET
  @Operation(summary = "The shops the caller's API key opens (for the dashboard's shop picker)")
  public List<ShopEntry> shops(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    Shop shop = auth.shop(authorization);
    return List.of(new ShopEntry(shop.id(), shop.name(), shop.timeZone().getId(), shop.currency(),
        shop.defaultLocale()));
  }
}
