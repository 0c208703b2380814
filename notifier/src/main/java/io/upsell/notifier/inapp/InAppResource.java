package io.upsell.notifier.inapp;

import io.upsell.notifier.NotifierConfig;
import io.upsell.notifier.tracking.TokenClaim;
import io.upsell.notifier.tracking.Tokens;
import io.upsell.platform.http.ApiException;
import io.upsell.platform.http.ShopAuth;
import io.upsell.platform.shops.Shop;
import io.upsell.schemas.topics.Keys;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The in-app API: a shop mints customer tokens; the customer's app reads the inbox, streams prompts, and acts. */
@Path("/v1/inapp")
@Tag(name = "in-app")
public class InAppResource {

  /** Body of a token request. */
  public record TokenRequest(String customerId) {}

  /** A minted customer token. */
  public record TokenResponse(String token, Instant expiresAt) {}

  /** The unread inbox. */
  public record Messages(List<MessageView> messages) {}

  private final InAppAuth auth;
  private final ShopAuth shopAuth;
  private final Inbox inbox;
  private final InboxRoute route;
  private final SseHub hub;
  private final InAppActions actions;
  private final Tokens tokens;
  private final NotifierConfig config;
  private final Clock clock;

  public InAppResource(InAppAuth auth, ShopAuth shopAuth, Inbox inbox, InboxRoute route, SseHub hub,
      InAppActions actions, Tokens tokens, NotifierConfig config, Clock clock) {
    this.auth = auth;
    this.shopAuth = shopAuth;
    this.inbox = inbox;
    this.route = route;
    this.hub = hub;
    this.actions = actions;
    this.tokens = tokens;
    this.config = config;
    this.clock = clock;
  }

  @POST
  @Path("/tokens")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Mint a customer token (shop API key); the customer's app uses it for the calls below")
  public TokenResponse token(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      TokenRequest request) {
    // The key first: a caller without one learns nothing, not even what a valid body looks like.
    Shop shop = shopAuth.shop(authorization);
    String customerId = request == null ? null : request.customerId();
    Keys.idProblem(customerId).ifPresent(problem -> {
      throw ApiException.badRequest("customerId", problem);
    });
    Instant expires = clock.instant().plus(config.inappTokenTtl());
    String token = tokens.sign(TokenClaim.inApp(shop.id(), request.customerId(), expires.getEpochSecond()));
    return new TokenResponse(token, Instant.ofEpochSecond(expires.getEpochSecond()));
  }

  @GET
  @Path("/messages")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Unread in-app messages of the token's customer, oldest first (from any instance)")
  @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Messages.class)))
  public Response messages(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("token") String token, @QueryParam("shopId") String shopId,
      @QueryParam("customerId") String customerId, @HeaderParam(OwnerForwarding.HEADER) String forwarded,
      @Context UriInfo uri) {
    String key = auth.customerKey(authorization, token, shopId, customerId);
    hub.seen(key);
    return route.answer(key, forwarded != null, "GET", uri, authorization,
        partition -> new Messages(inbox.unread(key, partition).stream().map(MessageView::of).toList()));
  }

  @GET
  @Path("/stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(summary = "Server-Sent Events: 'message' for a new prompt, 'update' for a status change; "
      + "resumable with Last-Event-ID")
  public void stream(@Context SseEventSink sink, @Context Sse sse,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @QueryParam("token") String token,
      @QueryParam("shopId") String shopId, @QueryParam("customerId") String customerId,
      @HeaderParam("Last-Event-ID") String lastEventId) {
    String key = auth.customerKey(authorization, token, shopId, customerId);
    // Looked up before the stream opens, so a rebalance is a plain 503 with Retry-After.
    InboxOwner.Place owner = route.place(key);
    hub.register(key, sink, sse);
    long after = parseOffset(lastEventId);
    // A fresh client gets the unread inbox; a resuming one gets every snapshot it missed, in order. New snapshots
    // reach it through this instance's live tail, wherever the customer's partition is.
    List<EntryView> missed;
    try {
      missed = route.entries(owner, key, after, InAppAuth.token(authorization, token));
    } catch (ApiException e) {
      // The owner went away after the lookup: the browser's EventSource reconnects with its Last-Event-ID.
      sink.close();
      return;
    }
    missed.stream().filter(e -> after >= 0 || e.unread()).forEach(e -> hub.send(sink, sse, e));
  }

  @POST
  @Path("/messages/{id}/{action}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "read, dismiss, click or not-relevant; publishes the engagement event (from any instance)")
  @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = MessageView.class)))
  public Response act(@PathParam("id") String id, @PathParam("action") String action,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @QueryParam("token") String token,
      @HeaderParam(OwnerForwarding.HEADER) String forwarded, @Context UriInfo uri) {
    String key = auth.customerKey(authorization, token, null, null);
    hub.seen(key);
    return route.answer(key, forwarded != null, "POST", uri, authorization,
        partition -> MessageView.of(actions.apply(key, partition, id, action)));
  }

  @GET
  @Path("/entries")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(hidden = true)
  public Response entries(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("token") String token, @QueryParam("after") String after, @Context UriInfo uri) {
    String key = auth.customerKey(authorization, token, null, null);
    hub.seen(key);
    // Only the owner answers: this is how another instance replays a stream it serves.
    return route.answer(key, true, "GET", uri, authorization, partition -> route.local(key, parseOffset(after), partition));
  }

  private static long parseOffset(String lastEventId) {
    try {
      return lastEventId == null ? -1 : Long.parseLong(lastEventId.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
