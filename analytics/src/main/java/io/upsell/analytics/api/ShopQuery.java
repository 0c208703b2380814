package io.upsell.analytics.api;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** What every shop query carries: the shop, the date range in its zone, the API key and the wanted format. */
public class ShopQuery {

  @PathParam("shopId")
  String shopId;

  @Parameter(description = "first day, inclusive (yyyy-mm-dd); default 30 days before to")
  @QueryParam("from")
  String from;

  @Parameter(description = "last day, exclusive (yyyy-mm-dd); default tomorrow in the shop's zone")
  @QueryParam("to")
  String to;

  @HeaderParam(HttpHeaders.AUTHORIZATION)
  String authorization;

  @Parameter(description = "application/json (default) or text/csv")
  @HeaderParam(HttpHeaders.ACCEPT)
  String accept;
}
