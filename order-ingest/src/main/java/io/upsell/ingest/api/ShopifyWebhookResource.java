package io.upsell.ingest.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.common.annotation.Blocking;
import io.upsell.ingest.IngestConfig;
import io.upsell.ingest.events.NativeEvents;
import io.upsell.ingest.events.Translation;
import io.upsell.ingest.shopify.ShopifyTopics;
import io.upsell.ingest.shopify.WebhookSignature;
import io.upsell.platform.http.ApiException;
import io.upsell.platform.http.FieldError;
import io.upsell.platform.shops.Shop;
import io.upsell.platform.shops.ShopDirectory;
import io.upsell.schemas.topics.Keys;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Shopify webhook deliveries for one shop: the signature is checked on the raw bytes before anything is parsed,
 * and a delivery id seen before is acknowledged as a duplicate without publishing again.
 */
@Path("/v1/webhooks/shopify/{shopId}")
@Tag(name = "Shopify webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ShopifyWebhookResource {

  private static final String DELIVERY_PREFIX = "shopify-webhook:";
  private static final int MAX_WEBHOOK_ID_LENGTH = Keys.MAX_ID_LENGTH - DELIVERY_PREFIX.length();

  private final ShopDirectory shops;
  private final RateLimiter limiter;
  private final Intake intake;
  private final IngestConfig config;
  private final ShopifyTopics topics = new ShopifyTopics();
  private final NativeEvents events = new NativeEvents();

  public ShopifyWebhookResource(ShopDirectory shops, RateLimiter limiter, Intake intake, IngestConfig config) {
    this.shops = shops;
    this.limiter = limiter;
    this.intake = intake;
    this.config = config;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Receive a Shopify webhook delivery", description = ApiDocs.SHOPIFY)
  @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(
      name = "carts/create", value = "{\"id\":\"exampleCartId\",\"token\":\"exampleCartId\",\"line_items\":[{"
          + "\"product_id\":788032119674292900,\"sku\":\"example-shirt-s\",\"title\":\"Example T-Shirt\","
          + "\"quantity\":3,\"price\":\"19.99\"}],\"updated_at\":\"2022-01-01T00:00:00.000Z\"}")))
  @APIResponse(responseCode = "202", description = "in Kafka, a duplicate, or an ignored topic", content = @Content(
      examples = @ExampleObject(name = "accepted", value = "{\"accepted\":1,\"duplicates\":0}")))
  public CompletionStage<Response> receive(@PathParam("shopId") String shopId,
      @HeaderParam("X-Shopify-Topic") String topic,
      @HeaderParam("X-Shopify-Hmac-Sha256") String signature,
      @HeaderParam("X-Shopify-Webhook-Id") String webhookId,
      byte[] body) {
    JsonBodies.checkSize(body, config.maxBodyBytes());
    Shop shop = genuineSender(shopId, body, signature);
    if (topic == null || topic.isBlank() || webhookId == null || webhookId.isBlank()) {
      throw new ApiException(400, "invalid delivery", List.of(
          new FieldError("X-Shopify-Topic / X-Shopify-Webhook-Id", "both headers are required")), Map.of());
    }
    webhookIdProblem(webhookId.strip()).ifPresent(problem -> {
      throw ApiException.badRequest("X-Shopify-Webhook-Id", problem);
    });
    limiter.admit(shop.id(), 1);
    JsonNode payload = JsonBodies.one(body);
    Translation translation = topics.translate(topic, payload,
        new ShopifyTopics.Delivery(webhookId.strip(), shop.currency()));
    if (!translation.errors().isEmpty()) {
      throw new ApiException(400, "invalid " + topic + " payload", translation.errors(), Map.of());
    }
    if (translation.ignored() != null) {
      return EventsResource.accepted(CompletableFuture.completedFuture(
          new Acceptance(0, 0, 1, List.of(translation.ignored()))));
    }
    NativeEvents.Read read = events.read(shop, translation.event(), "");
    if (!read.errors().isEmpty()) {
      throw new ApiException(400, "invalid " + topic + " payload", read.errors(), Map.of());
    }
    return EventsResource.accepted(intake.publish(shop, List.of(read.draft()), DELIVERY_PREFIX + webhookId.strip()));
  }

  // The webhook id becomes an idempotency key (a record key of ingest.seen-ids) and, prefixed, an eventId.
  private static Optional<String> webhookIdProblem(String webhookId) {
    return webhookId.length() > MAX_WEBHOOK_ID_LENGTH
        ? Optional.of("must be at most " + MAX_WEBHOOK_ID_LENGTH + " characters")
        : Keys.idProblem(webhookId);
  }

  // An unknown shop and a bad signature get the same answer, so the endpoint does not reveal which shops exist.
  private Shop genuineSender(String shopId, byte[] body, String signature) {
    Shop shop = shops.find(shopId).orElse(null);
    String secret = shop == null ? null : shop.webhookSecret().orElse(null);
    if (!WebhookSignature.verify(secret, body, signature)) {
      throw new ApiException(401, "unauthorized",
          List.of(new FieldError("X-Shopify-Hmac-Sha256", "missing or not the HMAC of this body")), Map.of());
    }
    return shop;
  }
}
