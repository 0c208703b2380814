package io.upsell.analytics.api;

import io.upsell.analytics.query.CouponLookup;
import io.upsell.analytics.query.CouponQuery;
import io.upsell.analytics.query.CouponView;
import io.upsell.platform.http.ApiError;
import io.upsell.platform.http.ApiException;
import io.upsell.platform.http.FieldError;
import io.upsell.platform.http.ShopAuth;
import io.upsell.platform.shops.Shop;
import io.upsell.schemas.topics.Keys;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * A shop's unique codes (issued by the engine with its offers), for the shop's own API key only (another shop's key
 * gets 403): a checkout asks whether a code is valid; a shop exports its codes for bulk import.
 */
@Path("/v1/shops/{shopId}/coupons")
@Produces({MediaType.APPLICATION_JSON, ExportFormat.CSV_TYPE, ExportFormat.XLSX_TYPE})
public class CouponResource {

  private final ShopAuth auth;
  private final CouponQuery coupons;

  public CouponResource(ShopAuth auth, CouponQuery coupons) {
    this.auth = auth;
    this.coupons = coupons;
  }

  /** A 410's body: the usual error fields, why the code no longer counts (expired or redeemed), and the code. */
  public record Gone(int status, String error, List<FieldError> fields, String reason, CouponView coupon) {}

  @GET
  @Path("/{code}")
  @Operation(summary = "Whether a code is valid now: for whom, worth what, until when")
  @APIResponse(responseCode = "200", description = "valid: code, customerId, triggerId, triggerType, variant,"
      + " discount {percent | amountMinor, currency}, issuedAt, expiresAt")
  @APIResponse(responseCode = "404", description = "the shop issued no such code (holdout codes included)")
  @APIResponse(responseCode = "410", description = "reason expired (expiresAt has passed) or redeemed (an order"
      + " named it first: redeemedAt, redemption.orderId, redemption.byOtherCustomer)")
  @APIResponse(responseCode = "403", description = "the API key is another shop's")
  public Response coupon(@PathParam("shopId") String shopId,
      @Parameter(description = "the code, in any case") @PathParam("code") String code,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @HeaderParam(HttpHeaders.ACCEPT) String accept,
      @HeaderParam(OwnerForwarding.HEADER) String forwarded, @Context UriInfo uri) {
    Shop shop = auth.shop(authorization, shopId);
    Keys.idProblem(code).ifPresent(problem -> {
      throw ApiException.badRequest("code", problem);
    });
    CouponQuery.Answer<CouponLookup.Verdict> answer = coupons.lookup(shop.id(), code, forwarded != null);
    return answer.elsewhere() ? OwnerForwarding.forward(answer.owner(), uri, authorization, accept)
        : verdict(answer.value());
  }

  @GET
  @Operation(summary = "The shop's issued codes, oldest first; CSV or XLSX (Accept or ?format=csv|xlsx) for bulk"
      + " import into Shopify or WooCommerce discount codes: code, discount_type, amount, currency, date_expires_gmt,"
      + " usage_limit, customer_id, trigger_id, redeemed_at")
  public Response export(@PathParam("shopId") String shopId,
      @Parameter(description = "only codes issued at or after this instant: ISO-8601 (2024-06-01T00:00:00Z) or epoch"
          + " millis; default all") @QueryParam("since") String since,
      @Parameter(description = "json, csv or xlsx; wins over Accept") @QueryParam("format") String format,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @HeaderParam(HttpHeaders.ACCEPT) String accept,
      @HeaderParam(OwnerForwarding.HEADER) String forwarded, @Context UriInfo uri) {
    Shop shop = auth.shop(authorization, shopId);
    ExportFormat chosen = ExportFormat.chosen(format, accept);
    CouponQuery.Answer<List<CouponView>> answer = coupons.issuedSince(shop.id(), instant(since), forwarded != null);
    if (answer.elsewhere()) {
      return OwnerForwarding.forward(answer.owner(), uri, authorization, accept);
    }
    return Export.answer(chosen, answer.value().stream().map(CouponRows.Issued::of).toList(),
        answer.value().stream().map(CouponRows.Importable::of).toList(), shop.currency(), "coupons-" + shop.id());
  }

  private static Response verdict(CouponLookup.Verdict verdict) {
    return switch (verdict.status()) {
      case VALID -> Response.ok(verdict.coupon(), MediaType.APPLICATION_JSON_TYPE).build();
      case UNKNOWN -> Response.status(404).type(MediaType.APPLICATION_JSON_TYPE)
          .entity(ApiError.of(404, "not found", List.of(new FieldError("code", "the shop issued no such code"))))
          .build();
      case EXPIRED -> gone("expired", "expired at " + verdict.coupon().expiresAt(), verdict.coupon());
      case REDEEMED -> gone("redeemed", "redeemed at " + verdict.coupon().redeemedAt() + " by order "
          + verdict.coupon().redemption().orderId(), verdict.coupon());
    };
  }

  private static Response gone(String reason, String detail, CouponView coupon) {
    return Response.status(410).type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new Gone(410, "gone", List.of(new FieldError("code", detail)), reason, coupon)).build();
  }

  private static Instant instant(String since) {
    if (since == null || since.isBlank()) {
      return Instant.MIN;
    }
    String text = since.strip();
    try {
      return text.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(text))
          : java.time.OffsetDateTime.parse(text).toInstant();
    } catch (java.time.DateTimeException | NumberFormatException e) {
      throw ApiException.badRequest("since",
          "must be an instant like 2024-06-01T00:00:00Z or epoch milliseconds, was '" + since + "'");
    }
  }
}
