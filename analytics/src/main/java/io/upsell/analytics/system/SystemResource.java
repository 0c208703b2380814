package io.upsell.analytics.system;

import io.upsell.platform.http.ShopAuth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The operator's view behind the dashboard's system panel: each service's state, lag and last error. It holds no
 * shop's data (what each service's open {@code /q/health} already says), so any shop's API key opens it; without
 * one it answers 401, so it is not an open window onto the deployment's internals.
 */
@Path("/v1/system")
@Produces(MediaType.APPLICATION_JSON)
public class SystemResource {

  private final ShopAuth auth;
  private final SystemStatus status;

  public SystemResource(ShopAuth auth, SystemStatus status) {
    this.auth = auth;
    this.status = status;
  }

  /** The answer: one entry per service. */
  public record SystemView(List<ServiceState> services) {}

  @GET
  @Operation(summary = "Each service's health state, consumer lag and last error (the dashboard's system panel)")
  public SystemView system(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    auth.shop(authorization);
    return new SystemView(status.services());
  }
}
