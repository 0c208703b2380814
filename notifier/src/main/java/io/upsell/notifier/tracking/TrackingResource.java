package io.upsell.notifier.tracking;

import io.upsell.notifier.customer.Customers;
import io.upsell.notifier.delivery.Outcomes;
import io.upsell.notifier.template.Pages;
import io.upsell.notifier.tracking.TokenClaim.Kind;
import io.upsell.platform.http.ApiException;
import io.upsell.platform.shops.Shop;
import io.upsell.platform.shops.ShopDirectory;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.topics.Keys;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The links inside emails: open pixel, click redirect and unsubscribe. Each acts only on a token this notifier
 * signed; the click redirect goes only to the URL inside such a token, so it can never be an open redirect.
 */
@Path("/v1")
@Tag(name = "tracking")
public class TrackingResource {

  private static final byte[] PIXEL = Base64.getDecoder()
      .decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

  private final Tokens tokens;
  private final Outcomes outcomes;
  private final Customers customers;
  private final ShopDirectory shops;
  private final Clock clock;

  public TrackingResource(Tokens tokens, Outcomes outcomes, Customers customers, ShopDirectory shops, Clock clock) {
    this.tokens = tokens;
    this.outcomes = outcomes;
    this.customers = customers;
    this.shops = shops;
    this.clock = clock;
  }

  @GET
  @Path("/track/open")
  @Produces("image/gif")
  @Operation(summary = "Open pixel: records OPENED for a signed token; always answers the 1x1 image")
  public Response open(@QueryParam("t") String token) {
    tokens.verify(token, Kind.OPEN, clock.instant()).ifPresent(c -> record(c, EngagementType.OPENED));
    return Response.ok(PIXEL).header("Cache-Control", "no-store, max-age=0").build();
  }

  @GET
  @Path("/track/click")
  @Operation(summary = "Click redirect: records CLICKED and redirects to the URL the token was signed for")
  public Response click(@QueryParam("t") String token) {
    TokenClaim claim = valid(token, Kind.CLICK);
    record(claim, EngagementType.CLICKED);
    return Response.status(Response.Status.FOUND).location(URI.create(claim.url()))
        .header("Cache-Control", "no-store").build();
  }

  @GET
  @Path("/unsubscribe")
  @Produces(MediaType.TEXT_HTML)
  @Operation(summary = "Unsubscribe page in the customer's language; confirming POSTs to the same link")
  public String unsubscribePage(@QueryParam("t") String token) {
    TokenClaim claim = valid(token, Kind.UNSUBSCRIBE);
    return page(claim, "/v1/unsubscribe?t=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8),
        false);
  }

  @POST
  @Path("/unsubscribe")
  @Produces(MediaType.TEXT_HTML)
  @Operation(summary = "One-click unsubscribe (RFC 8058): records UNSUBSCRIBED; no more email to this customer")
  public String unsubscribe(@QueryParam("t") String token) {
    TokenClaim claim = valid(token, Kind.UNSUBSCRIBE);
    customers.stopEmail(Keys.customer(claim.shopId(), claim.customerId()), EngagementType.UNSUBSCRIBED);
    record(claim, EngagementType.UNSUBSCRIBED);
    return page(claim, "", true);
  }

  private TokenClaim valid(String token, Kind kind) {
    return tokens.verify(token, kind, clock.instant())
        .orElseThrow(() -> ApiException.badRequest("t", "the link is invalid or has expired"));
  }

  private void record(TokenClaim claim, EngagementType type) {
    var ref = new DeliveryRef(claim.shopId(), claim.customerId(), claim.deliveryId(), claim.triggerId(),
        DeliveryChannel.valueOf(claim.channel()), claim.locale());
    try {
      outcomes.engagement(ref, type, List.of()).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw ApiException.unavailable("could not record this, please try again", 2);
    }
  }

  private String page(TokenClaim claim, String action, boolean done) {
    String shop = shops.find(claim.shopId()).map(Shop::name).orElse(claim.shopId());
    String locale = claim.locale() == null ? "en" : claim.locale();
    return Pages.unsubscribe(locale, shop, action, done).setLocale(Locale.forLanguageTag(locale)).render();
  }
}
