package io.upsell.ingest.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.common.annotation.Blocking;
import io.upsell.ingest.IngestConfig;
import io.upsell.ingest.events.Draft;
import io.upsell.ingest.events.NativeEvents;
import io.upsell.platform.http.ApiException;
import io.upsell.platform.http.FieldError;
import io.upsell.platform.http.ShopAuth;
import io.upsell.platform.shops.Shop;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Our native JSON events: one per call, or a batch of up to 1,000 that is published entirely or not at all. */
@Path("/v1/events")
@Tag(name = "Native events")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class EventsResource {

  static final String NDJSON = "application/x-ndjson";

  private final ShopAuth auth;
  private final RateLimiter limiter;
  private final Intake intake;
  private final IngestConfig config;
  private final NativeEvents events = new NativeEvents();

  public EventsResource(ShopAuth auth, RateLimiter limiter, Intake intake, IngestConfig config) {
    this.auth = auth;
    this.limiter = limiter;
    this.intake = intake;
    this.config = config;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Send one event", description = ApiDocs.SINGLE)
  @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
      @ExampleObject(name = "usage_reported", value = ApiDocs.USAGE),
      @ExampleObject(name = "order_placed", value = ApiDocs.ORDER),
      @ExampleObject(name = "feedback", value = ApiDocs.FEEDBACK)}))
  @APIResponse(responseCode = "202", description = "in Kafka", content = @Content(
      schema = @Schema(implementation = Acceptance.class), examples = @ExampleObject(name = "accepted",
      value = "{\"accepted\":1,\"duplicates\":0}")))
  public CompletionStage<Response> one(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
    Shop shop = auth.shop(authorization);
    JsonBodies.checkSize(body, config.maxBodyBytes());
    JsonNode node = JsonBodies.one(body);
    limiter.admit(shop.id(), 1);
    NativeEvents.Read read = events.read(shop, node, "");
    if (!read.errors().isEmpty()) {
      throw new ApiException(400, "invalid event", read.errors(), Map.of());
    }
    return accepted(intake.publish(shop, List.of(read.draft()), null));
  }

  @POST
  @Path("/batch")
  @Consumes({MediaType.APPLICATION_JSON, NDJSON})
  @Operation(summary = "Send up to 1,000 events at once, all or nothing", description = ApiDocs.BATCH)
  @RequestBody(content = {
      @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "array", value = ApiDocs.ARRAY)),
      @Content(mediaType = NDJSON, examples = @ExampleObject(name = "ndjson", value = ApiDocs.NDJSON_EXAMPLE))})
  @APIResponse(responseCode = "202", description = "every event in Kafka (or a duplicate)", content = @Content(
      schema = @Schema(implementation = Acceptance.class), examples = @ExampleObject(name = "accepted",
      value = "{\"accepted\":2,\"duplicates\":1}")))
  public CompletionStage<Response> batch(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
    Shop shop = auth.shop(authorization);
    JsonBodies.checkSize(body, config.maxBodyBytes());
    boolean ndjson = contentType != null && contentType.toLowerCase().startsWith(NDJSON);
    List<JsonNode> items = ndjson ? JsonBodies.ndjson(body) : JsonBodies.array(body);
    if (items.isEmpty() || items.size() > config.maxBatchEvents()) {
      throw ApiException.badRequest("body", "a batch holds 1 to " + config.maxBatchEvents() + " events, not "
          + items.size());
    }
    limiter.admit(shop.id(), items.size());
    List<Draft<?>> drafts = new ArrayList<>(items.size());
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      NativeEvents.Read read = events.read(shop, items.get(i), "[" + i + "]");
      errors.addAll(read.errors());
      drafts.add(read.draft());
    }
    if (!errors.isEmpty()) {
      throw new ApiException(400, "invalid batch: nothing was published", errors, Map.of());
    }
    return accepted(intake.publish(shop, drafts, null));
  }

  /** 202 with the acceptance; a failure stays the {@link ApiException} it is, not wrapped, for the error mapper. */
  static CompletionStage<Response> accepted(CompletionStage<Acceptance> acceptance) {
    CompletableFuture<Response> response = new CompletableFuture<>();
    acceptance.whenComplete((a, error) -> {
      if (error == null) {
        response.complete(Response.accepted(a).type(MediaType.APPLICATION_JSON_TYPE).build());
      } else {
        response.completeExceptionally(error instanceof CompletionException ? error.getCause() : error);
      }
    });
    return response;
  }
}
