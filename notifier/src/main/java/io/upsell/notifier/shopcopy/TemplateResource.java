package io.upsell.notifier.shopcopy;

import io.upsell.notifier.template.BuiltInCopy;
import io.upsell.notifier.template.MessageCopy;
import io.upsell.notifier.template.MessageModel;
import io.upsell.notifier.template.Renderer;
import io.upsell.platform.http.ApiException;
import io.upsell.platform.http.ShopAuth;
import io.upsell.platform.shops.Shop;
import io.upsell.schemas.notify.ShopTemplate;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A shop's own copy per trigger type, channel and language: subject, preheader, title, body paragraphs and button
 * label in Qute syntax over the documented variables (docs/notifier.md). Refused with 400 and the line and column
 * when it does not parse or breaks a sandbox rule; a part left out speaks the built-in copy.
 */
@Path("/v1/shops/{shopId}/templates/{triggerType}/{channel}/{locale}")
@Tag(name = "templates")
public class TemplateResource {

  /** A template as the API reads and writes it; any part may be null. */
  public record TemplateBody(String subject, String preheader, String title, List<String> body, String button) {}

  /** What to preview: the given template (else the stored one) over the given variables (else sample data). */
  public record PreviewRequest(TemplateBody template, Map<String, Object> data) {}

  /** A rendered preview: each part, and the whole email as HTML and text. */
  public record Preview(String subject, String preheader, String title, List<String> body, String button,
      String html, String text) {}

  private final ShopAuth auth;
  private final ShopTemplates templates;
  private final CopyChooser chooser;
  private final Renderer renderer;
  private final Clock clock;

  public TemplateResource(ShopAuth auth, ShopTemplates templates, CopyChooser chooser, Renderer renderer,
      Clock clock) {
    this.auth = auth;
    this.templates = templates;
    this.chooser = chooser;
    this.renderer = renderer;
    this.clock = clock;
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Store the shop's template (validated; in use in the next message)")
  public TemplateBody put(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("shopId") String shopId, @PathParam("triggerType") String type, @PathParam("channel") String channel,
      @PathParam("locale") String locale, TemplateBody body) {
    Shop shop = auth.shop(authorization, shopId);
    TemplateAddress at = TemplateAddress.parse(type, channel, locale);
    if (body == null) {
      throw ApiException.badRequest("body", "a JSON object with subject, preheader, title, body or button");
    }
    ShopTemplate template = record(shop, at, body);
    try {
      templates.put(template);
    } catch (InvalidTemplate e) {
      throw ApiException.badRequest(e.part(), e.reason());
    }
    return body(template);
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The shop's template; 404 when it has none (the built-in copy speaks)")
  public TemplateBody get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("shopId") String shopId, @PathParam("triggerType") String type, @PathParam("channel") String channel,
      @PathParam("locale") String locale) {
    Shop shop = auth.shop(authorization, shopId);
    TemplateAddress at = TemplateAddress.parse(type, channel, locale);
    return templates.find(shop.id(), at.type(), at.channel(), at.language()).map(TemplateResource::body)
        .orElseThrow(() -> new NotFoundException("no template; the built-in copy is used"));
  }

  @DELETE
  @Operation(summary = "Remove the shop's template; the built-in copy speaks again")
  public Response delete(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("shopId") String shopId, @PathParam("triggerType") String type, @PathParam("channel") String channel,
      @PathParam("locale") String locale) {
    Shop shop = auth.shop(authorization, shopId);
    TemplateAddress at = TemplateAddress.parse(type, channel, locale);
    templates.delete(shop.id(), at.type(), at.channel(), at.language());
    return Response.noContent().build();
  }

  @POST
  @Path("/preview")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Render the given or stored template over the given or sample variables, as HTML and text")
  public Preview preview(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("shopId") String shopId, @PathParam("triggerType") String type, @PathParam("channel") String channel,
      @PathParam("locale") String locale, PreviewRequest request) {
    Shop shop = auth.shop(authorization, shopId);
    TemplateAddress at = TemplateAddress.parse(type, channel, locale);
    TemplateBody given = request == null ? null : request.template();
    ShopTemplate template = given != null ? record(shop, at, given)
        : templates.find(shop.id(), at.type(), at.channel(), at.language()).orElse(null);
    MessageModel sample = SampleMessage.model(at.language());
    MessageCopy builtIn = BuiltInCopy.of(sample.typeKey(), at.channel(), at.language(), sample.customerName(),
        sample.shopName());
    MessageCopy copy;
    try {
      copy = template == null ? builtIn : chooser.render(CompiledCopy.compile(templates.sandbox(), template),
          PreviewData.merge(TemplateVariables.of(sample), request == null ? null : request.data()), builtIn);
    } catch (InvalidTemplate e) {
      throw ApiException.badRequest(e.part(), e.reason());
    }
    var email = renderer.email(sample.withCopy(copy));
    return new Preview(copy.subject(), copy.preheader(), copy.title(), copy.body(), copy.button(), email.html(),
        email.text());
  }

  private ShopTemplate record(Shop shop, TemplateAddress at, TemplateBody body) {
    if (body.body() != null && body.body().stream().anyMatch(b -> b == null)) {
      throw ApiException.badRequest("body", "paragraphs must not be null");
    }
    return ShopTemplate.newBuilder().setShopId(shop.id()).setTriggerType(at.type()).setChannel(at.channel())
        .setLanguage(at.language()).setSubject(body.subject()).setPreheader(body.preheader()).setTitle(body.title())
        .setBody(body.body() == null ? List.of() : body.body()).setButton(body.button())
        .setUpdatedAt(clock.instant()).build();
  }

  private static TemplateBody body(ShopTemplate t) {
    return new TemplateBody(t.getSubject(), t.getPreheader(), t.getTitle(), t.getBody(), t.getButton());
  }
}
