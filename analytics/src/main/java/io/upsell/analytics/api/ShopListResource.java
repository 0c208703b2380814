package io.upsell.analytics.api;

import io.upsell.platform.shops.ShopDirectory;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The shops a dashboard can pick from: ids, names, zones and currencies, never credentials. */
@Path("/v1/shops")
@Produces(MediaType.APPLICATION_JSON)
public class ShopListResource {

  private final ShopDirectory shops;

  public ShopListResource(ShopDirectory shops) {
    this.shops = shops;
  }

  /** A shop as the picker shows it. */
  public record ShopEntry(String id, String name, String timeZone, String currency) {}

  @GET
  @Operation(summary = "Shops served here (for the dashboard's shop picker)")
  public List<ShopEntry> shops() {
    return shops.all().stream()
        .map(s -> new ShopEntry(s.id(), s.name(), s.timeZone().getId(), s.currency())).toList();
  }
}
