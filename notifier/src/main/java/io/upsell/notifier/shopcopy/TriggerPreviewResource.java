package io.upsell.notifier.shopcopy;

import io.upsell.notifier.template.MessageComposer;
import io.upsell.notifier.template.Renderer;
import io.upsell.platform.http.ApiException;
import io.upsell.platform.http.ShopAuth;
import io.upsell.platform.shops.Shop;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.serde.AvroJson;
import io.upsell.schemas.upsell.UpsellTrigger;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.AvroRuntimeException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The messages a trigger would have sent, composed and rendered exactly as the email and in-app channels do
 * ({@link MessageComposer}, {@link Renderer}), sent to nobody: for the backtest's samples. Its links are
 * {@code #preview} anchors, not the signed tracking links of a delivery: a preview is read by the shop, passed on and
 * clicked, and none of that is the customer's engagement (see {@link MessageComposer#preview}). The trigger is in
 * Avro's JSON encoding, as the backtest report carries it; it must be the calling shop's own (403 otherwise).
 */
@Path("/v1/shops/{shopId}/preview")
@Tag(name = "templates")
public class TriggerPreviewResource {

  private static final Pattern FIELD = Pattern.compile("(?:field|name)[^:]*: ?\"?([A-Za-z]+)");

  /** Email subject, HTML and text, and the in-app prompt, in {@code language}. */
  public record TriggerPreview(String language, String subject, String html, String text, InApp inApp) {}

  /** The in-app prompt as the widget shows it. */
  public record InApp(String title, String body, String button) {}

  private final ShopAuth auth;
  private final MessageComposer composer;
  private final Renderer renderer;
  private final Clock clock;

  public TriggerPreviewResource(ShopAuth auth, MessageComposer composer, Renderer renderer, Clock clock) {
    this.auth = auth;
    this.composer = composer;
    this.renderer = renderer;
    this.clock = clock;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Render the email and in-app messages of a trigger (Avro JSON) in ?locale or the shop's"
      + " language, sending nothing")
  public TriggerPreview preview(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("shopId") String shopId, @QueryParam("locale") String locale, String body) {
    Shop shop = auth.shop(authorization, shopId);
    UpsellTrigger trigger = trigger(body);
    if (!shop.id().equals(trigger.getShopId())) {
      throw ApiException.forbidden("shopId", "the trigger is of another shop than '" + shop.id() + "'");
    }
    Optional<CustomerProfile> profile = Optional.ofNullable(locale).filter(l -> !l.isBlank())
        .map(l -> CustomerProfile.newBuilder().setShopId(shop.id()).setCustomerId(trigger.getCustomerId())
            .setEventId("preview").setOccurredAt(clock.instant()).setLocale(TemplateAddress.language(l)).build());
    var email = composer.preview(trigger, profile, DeliveryChannel.EMAIL);
    var rendered = renderer.email(email);
    var inApp = renderer.inApp(composer.preview(trigger, profile, DeliveryChannel.IN_APP));
    return new TriggerPreview(email.locale(), rendered.subject(), rendered.html(), rendered.text(),
        new InApp(inApp.title(), inApp.body(), inApp.cta()));
  }

  private static UpsellTrigger trigger(String body) {
    if (body == null || body.isBlank()) {
      throw ApiException.badRequest("body", "a trigger in Avro's JSON encoding is required");
    }
    try {
      return AvroJson.decode(UpsellTrigger.class, UpsellTrigger.getClassSchema(), body);
    } catch (IOException | AvroRuntimeException e) {
      Matcher field = FIELD.matcher(String.valueOf(e.getMessage()));
      throw ApiException.badRequest(field.find() ? field.group(1) : "body",
          "not a trigger in Avro's JSON encoding: " + e.getMessage());
    }
  }
}
