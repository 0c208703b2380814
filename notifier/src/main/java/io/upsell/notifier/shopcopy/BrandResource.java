package io.upsell.notifier.shopcopy;

import io.upsell.platform.http.ApiException;
import io.upsell.platform.http.ShopAuth;
import io.upsell.platform.shops.Shop;
import io.upsell.schemas.notify.ShopBrand;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Clock;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A shop's email brand: sender name, reply-to, logo URL (https), colours ({@code #rrggbb}) and the footer with its
 * postal address. Each part is optional; a bad one is a 400 naming the field, because each ends up in a mail header
 * or in the HTML of every email.
 */
@Path("/v1/shops/{shopId}/brand")
@Tag(name = "templates")
public class BrandResource {

  /** The brand as the API reads and writes it. */
  public record BrandBody(String senderName, String replyTo, String logoUrl, String primaryColour,
      String backgroundColour, String footer) {}

  private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
  private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>\",;]+@[^\\s@<>\",;]+\\.[^\\s@<>\",;]+");
  private static final int MAX_NAME = 100;
  private static final int MAX_URL = 2_000;
  private static final int MAX_FOOTER = 1_000;

  private final ShopAuth auth;
  private final ShopBrands brands;
  private final Clock clock;

  public BrandResource(ShopAuth auth, ShopBrands brands, Clock clock) {
    this.auth = auth;
    this.brands = brands;
    this.clock = clock;
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Store the shop's email brand; in use in the next email")
  public BrandBody put(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("shopId") String shopId, BrandBody body) {
    Shop shop = auth.shop(authorization, shopId);
    if (body == null) {
      throw ApiException.badRequest("body", "a JSON object with the brand's parts");
    }
    check(body);
    brands.put(ShopBrand.newBuilder().setShopId(shop.id()).setSenderName(body.senderName())
        .setReplyTo(body.replyTo()).setLogoUrl(body.logoUrl()).setPrimaryColour(body.primaryColour())
        .setBackgroundColour(body.backgroundColour()).setFooter(body.footer()).setUpdatedAt(clock.instant()).build());
    return body;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The shop's email brand; 404 when it set none")
  public BrandBody get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("shopId") String shopId) {
    Shop shop = auth.shop(authorization, shopId);
    return brands.find(shop.id()).map(b -> new BrandBody(b.getSenderName(), b.getReplyTo(), b.getLogoUrl(),
        b.getPrimaryColour(), b.getBackgroundColour(), b.getFooter()))
        .orElseThrow(() -> new NotFoundException("no brand set"));
  }

  static void check(BrandBody b) {
    if (b.senderName() != null && (b.senderName().isBlank() || b.senderName().length() > MAX_NAME
        || b.senderName().chars().anyMatch(c -> Character.isISOControl(c) || c == '<' || c == '>' || c == '"'))) {
      throw ApiException.badRequest("senderName", "1 to " + MAX_NAME + " characters, without control characters, "
          + "quotes or angle brackets");
    }
    if (b.replyTo() != null && (b.replyTo().length() > 254 || !ADDRESS.matcher(b.replyTo()).matches())) {
      throw ApiException.badRequest("replyTo", "must be one email address such as help@shop.example");
    }
    if (b.logoUrl() != null && !httpsUrl(b.logoUrl())) {
      throw ApiException.badRequest("logoUrl", "must be an absolute https URL of at most " + MAX_URL + " characters");
    }
    colour("primaryColour", b.primaryColour());
    colour("backgroundColour", b.backgroundColour());
    if (b.footer() != null && (b.footer().isBlank() || b.footer().length() > MAX_FOOTER)) {
      throw ApiException.badRequest("footer", "1 to " + MAX_FOOTER + " characters (the shop's postal address)");
    }
  }

  private static void colour(String field, String value) {
    if (value != null && !COLOUR.matcher(value).matches()) {
      throw ApiException.badRequest(field, "must be a colour as #rrggbb");
    }
  }

  private static boolean httpsUrl(String url) {
    try {
      URI uri = URI.create(url);
      return url.length() <= MAX_URL && "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
