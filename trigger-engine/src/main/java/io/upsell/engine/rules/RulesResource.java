package io.upsell.engine.rules;

import io.upsell.engine.config.EngineConfig;
import io.upsell.platform.http.ShopAuth;
import io.upsell.schemas.upsell.ShopRules;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A shop reads and replaces its own trigger and policy rules; absent fields keep the engine defaults. */
@Path("/v1/shops/{shopId}/rules")
@Produces(MediaType.APPLICATION_JSON)
public class RulesResource {

  private final ShopAuth auth;
  private final RulesStore store;
  private final EngineConfig defaults;

  public RulesResource(ShopAuth auth, RulesStore store, EngineConfig defaults) {
    this.auth = auth;
    this.store = store;
    this.defaults = defaults;
  }

  @GET
  @Operation(summary = "The shop's rule overrides (empty: engine defaults apply)")
  public RulesBody get(@PathParam("shopId") String shopId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    auth.shop(authorization, shopId);
    return store.find(shopId).map(RulesBody::of)
        .orElse(new RulesBody(null, null, null, null, null, null, null, null, Map.of()));
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Replace the shop's rules; effective within seconds on every instance")
  public RulesBody put(@PathParam("shopId") String shopId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      RulesBody body) {
    auth.shop(authorization, shopId);
    new RulesValidation(defaults).check(body);
    ShopRules rules = body.toRecord(shopId, Instant.now());
    store.save(rules);
    return RulesBody.of(rules);
  }
}
