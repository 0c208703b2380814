package io.upsell.notifier.tracking;

import io.upsell.notifier.delivery.Outcomes;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.upsell.notifier.template.BuiltInCopy;
import io.upsell.notifier.template.Copy;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The links inside emails: open pixel, click redirect, unsubscribe and "not relevant". Each acts only on a token this notifier
 * signed; the click redirect goes only to the URL inside such a token, so it can never be an open redirect.
 */
@Path("/v1")
@Tag(name = "tracking")
public class TrackingResource {

  private static final byte[] PIXEL = Base64.getDecoder()
      .decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

  private final Tokens tokens;
  private final Outcomes outcomes;
  private final ShopDirectory shops;
  private final Clock clock;

  public TrackingResource(Tokens tokens, Outcomes outcomes, ShopDirectory shops, Clock clock) {
    this.tokens = tokens;
    this.outcomes = outcomes;
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
    Copy words = words(claim);
    return page(claim, words.unsubscribeTitle(shop(claim)), null, action(Links.UNSUBSCRIBE_PATH, token),
        words.unsubscribeConfirm());
  }

  @POST
  @Path("/unsubscribe")
  @Produces(MediaType.TEXT_HTML)
  @Operation(summary = "One-click unsubscribe (RFC 8058): records UNSUBSCRIBED; no more email to this customer")
  public String unsubscribe(@QueryParam("t") String token) {
    TokenClaim claim = valid(token, Kind.UNSUBSCRIBE);
    record(claim, EngagementType.UNSUBSCRIBED);
    Copy words = words(claim);
    return page(claim, words.unsubscribedTitle(), words.unsubscribedBody(shop(claim)), null, null);
  }

  @GET
  @Path("/not-relevant")
  @Produces(MediaType.TEXT_HTML)
  @Operation(summary = "\"Not relevant\" page in the customer's language; confirming POSTs to the same link. A GET "
      + "records nothing, so mail scanners that open links cannot down-vote for the customer")
  public String notRelevantPage(@QueryParam("t") String token) {
    TokenClaim claim = valid(token, Kind.NOT_RELEVANT);
    Copy words = words(claim);
    return page(claim, words.notRelevantTitle(), null, action(Links.NOT_RELEVANT_PATH, token),
        words.notRelevantConfirm());
  }

  @POST
  @Path("/not-relevant")
  @Produces(MediaType.TEXT_HTML)
  @Operation(summary = "Records DOWNVOTED for the delivery's trigger and products; the engine holds such offers back")
  public String notRelevant(@QueryParam("t") String token) {
    TokenClaim claim = valid(token, Kind.NOT_RELEVANT);
    record(claim, EngagementType.DOWNVOTED);
    Copy words = words(claim);
    return page(claim, words.notRelevantDoneTitle(), words.notRelevantDoneBody(shop(claim)), null, null);
  }

  private TokenClaim valid(String token, Kind kind) {
    return tokens.verify(token, kind, clock.instant())
        .orElseThrow(() -> ApiException.badRequest("t", "the link is invalid or has expired"));
  }

  private void record(TokenClaim claim, EngagementType type) {
    var ref = new DeliveryRef(claim.shopId(), claim.customerId(), claim.deliveryId(), claim.triggerId(),
        DeliveryChannel.valueOf(claim.channel()), claim.locale());
    try {
      List<String> products = claim.productIds() == null ? List.of() : claim.productIds();
      outcomes.engagement(ref, type, products).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw ApiException.unavailable("could not record this, please try again", 2);
    }
  }

  private String shop(TokenClaim claim) {
    return shops.find(claim.shopId()).map(Shop::name).orElse(claim.shopId());
  }

  private static String locale(TokenClaim claim) {
    return claim.locale() == null ? "en" : claim.locale();
  }

  private static Copy words(TokenClaim claim) {
    return MessageBundles.get(Copy.class, Localized.Literal.of(BuiltInCopy.LANGUAGES.contains(locale(claim))
        ? locale(claim) : "en"));
  }

  private static String action(String path, String token) {
    return path + "?t=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
  }

  private String page(TokenClaim claim, String title, String body, String action, String button) {
    String locale = locale(claim);
    return Pages.choice(locale, shop(claim), title, body, action, button).setLocale(Locale.forLanguageTag(locale))
        .render();
  }
}
