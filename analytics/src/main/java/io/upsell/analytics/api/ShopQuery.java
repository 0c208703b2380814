package io.upsell.analytics.api;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** What every shop query carries: the shop, the date range in its zone, the API key and the wanted format
 * ({@link ExportFormat}). */
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

  @Parameter(description = "application/json (default), text/csv or "
      + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet (XLSX); ?format wins over it")
  @HeaderParam(HttpHeaders.ACCEPT)
  String accept;

  @Parameter(description = "json, csv or xlsx: for download links, which cannot set Accept; wins over Accept")
  @QueryParam("format")
  String format;
}
