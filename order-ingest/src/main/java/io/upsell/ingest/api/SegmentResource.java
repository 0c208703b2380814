package io.upsell.ingest.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.upsell.ingest.IngestConfig;
import io.upsell.ingest.events.Draft;
import io.upsell.ingest.events.NativeEvents;
import io.upsell.ingest.events.Translation;
import io.upsell.ingest.segment.SegmentCalls;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Segment Spec calls (track, identify, or a batch of them) translated into native events; a batch is all or
 * nothing, and unmapped event names are counted as ignored instead of refused.
 */
@Path("/v1/segment")
@Tag(name = "Segment")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class SegmentResource {

  private final ShopAuth auth;
  private final RateLimiter limiter;
  private final Intake intake;
  private final IngestConfig config;
  private final Counter ignoredCounter;
  private final SegmentCalls calls = new SegmentCalls();
  private final NativeEvents events = new NativeEvents();

  public SegmentResource(ShopAuth auth, RateLimiter limiter, Intake intake, IngestConfig config,
      MeterRegistry registry) {
    this.auth = auth;
    this.limiter = limiter;
    this.intake = intake;
    this.config = config;
    this.ignoredCounter = Counter.builder("upsell.ingest.segment.ignored")
        .description("Segment calls accepted with no mapping").register(registry);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Send Segment track / identify / batch calls", description = ApiDocs.SEGMENT)
  @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
      @ExampleObject(name = "track", value = ApiDocs.SEGMENT_TRACK),
      @ExampleObject(name = "batch", value = "{\"batch\":[" + ApiDocs.SEGMENT_TRACK + "]}")}))
  @APIResponse(responseCode = "202", description = "mapped events in Kafka", content = @Content(
      examples = @ExampleObject(name = "accepted",
          value = "{\"accepted\":1,\"duplicates\":0,\"ignored\":1,\"ignoredEvents\":[\"Products Searched\"]}")))
  public CompletionStage<Response> segment(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      byte[] body) {
    Shop shop = auth.shop(bearer(authorization));
    JsonBodies.checkSize(body, config.maxBodyBytes());
    JsonNode root = JsonBodies.one(body);
    boolean batch = root.isObject() && root.has("batch");
    List<JsonNode> items = batch ? items(root.get("batch")) : List.of(root);
    limiter.admit(shop.id(), items.size());
    List<Draft<?>> drafts = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String path = batch ? "batch[" + i + "]" : "";
      Translation translation = calls.translate(items.get(i), path, shop.currency());
      errors.addAll(translation.errors());
      if (translation.ignored() != null) {
        ignored.add(translation.ignored());
      } else if (translation.event() != null) {
        NativeEvents.Read read = events.read(shop, translation.event(), path);
        errors.addAll(read.errors());
        drafts.add(read.draft());
      }
    }
    if (!errors.isEmpty()) {
      throw new ApiException(400, "invalid Segment call: nothing was published", errors, Map.of());
    }
    ignoredCounter.increment(ignored.size());
    CompletionStage<Acceptance> published = drafts.isEmpty()
        ? CompletableFuture.completedFuture(Acceptance.of(0, 0))
        : intake.publish(shop, drafts, null);
    return EventsResource.accepted(published.thenApply(a ->
        new Acceptance(a.accepted(), a.duplicates(), ignored.size(), ignored)));
  }

  private List<JsonNode> items(JsonNode batch) {
    if (!batch.isArray() || batch.isEmpty() || batch.size() > config.maxBatchEvents()) {
      throw ApiException.badRequest("batch", "must be an array of 1 to " + config.maxBatchEvents() + " calls");
    }
    List<JsonNode> items = new ArrayList<>(batch.size());
    batch.forEach(items::add);
    return items;
  }

  // Segment's HTTP API and webhook destinations authenticate with Basic auth, the write key as user name.
  private static String bearer(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return authorization;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
          StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return "Bearer " + (colon < 0 ? decoded : decoded.substring(0, colon));
    } catch (IllegalArgumentException e) {
      throw ApiException.unauthorized("malformed Basic credentials");
    }
  }
}
