package io.upsell.analytics.api;

import io.upsell.analytics.kpi.Granularity;
import io.upsell.analytics.query.DateRange;
import io.upsell.analytics.query.KpiQuery;
import io.upsell.analytics.query.LiftQuery;
import io.upsell.analytics.query.TopProductsQuery;
import io.upsell.analytics.query.UpsellQuery;
import io.upsell.platform.http.ApiException;
import io.upsell.platform.http.ShopAuth;
import io.upsell.platform.shops.Shop;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * A shop's figures, for the shop's own API key only (another shop's key gets 403): JSON, or the same rows as CSV or
 * XLSX ({@link ExportFormat}: {@code Accept} or {@code ?format}). Dates are in the shop's zone, {@code from}
 * inclusive and {@code to} exclusive.
 */
@Path("/v1/shops/{shopId}")
@Produces({MediaType.APPLICATION_JSON, ExportFormat.CSV_TYPE, ExportFormat.XLSX_TYPE})
public class ShopAnalyticsResource {

  private final ShopAuth auth;
  private final KpiQuery kpis;
  private final TopProductsQuery products;
  private final UpsellQuery upsell;
  private final LiftQuery lift;

  public ShopAnalyticsResource(ShopAuth auth, KpiQuery kpis, TopProductsQuery products, UpsellQuery upsell,
      LiftQuery lift) {
    this.auth = auth;
    this.kpis = kpis;
    this.products = products;
    this.upsell = upsell;
    this.lift = lift;
  }

  @GET
  @Path("/kpis")
  @Operation(summary = "KPIs per hour, day, week or month in the shop's zone")
  public Response kpis(@BeanParam ShopQuery query,
      @Parameter(description = "hour, day (default), week or month") @QueryParam("granularity") String granularity) {
    Scope scope = scope(query);
    Granularity g = granularity == null || granularity.isBlank() ? Granularity.DAY : Granularity.parse(granularity)
        .orElseThrow(() -> ApiException.badRequest("granularity", "must be hour, day, week or month"));
    var series = kpis.series(scope.shop(), g, scope.range(), query.authorization);
    return answer(query, scope, "kpis", series, series.series());
  }

  @GET
  @Path("/products/top")
  @Operation(summary = "Best-selling products and categories")
  public Response topProducts(@BeanParam ShopQuery query,
      @Parameter(description = "revenue (default) or units") @QueryParam("by") String by,
      @Parameter(description = "1 to 100, default 10") @QueryParam("limit") String limit) {
    Scope scope = scope(query);
    boolean byUnits = by != null && !by.isBlank() && switch (by.strip()) {
      case "units" -> true;
      case "revenue" -> false;
      default -> throw ApiException.badRequest("by", "must be revenue or units");
    };
    var top = products.top(scope.shop().id(), scope.range(), byUnits, limit(limit), query.authorization);
    return answer(query, scope, "top-products", top,
        Stream.concat(top.products().stream(), top.categories().stream()).toList());
  }

  @GET
  @Path("/funnel")
  @Operation(summary = "Upsell funnel per trigger type and variant, and click-through by send hour")
  public Response funnel(@BeanParam ShopQuery query) {
    Scope scope = scope(query);
    var funnel = upsell.funnel(scope.shop().id(), scope.range(), query.authorization);
    return answer(query, scope, "funnel", funnel, funnel.rows());
  }

  @GET
  @Path("/attribution")
  @Operation(summary = "Orders and revenue attributed to upsell messages (last click, else last delivery)")
  public Response attribution(@BeanParam ShopQuery query) {
    Scope scope = scope(query);
    var attribution = upsell.attribution(scope.shop().id(), scope.range(), query.authorization);
    return answer(query, scope, "attribution", attribution, attribution.rows());
  }

  @GET
  @Path("/lift")
  @Operation(summary = "Lift of treated over holdout customers with 95% confidence intervals, and per trigger type"
      + " and variant against that type's holdout customers")
  public Response lift(@BeanParam ShopQuery query) {
    Scope scope = scope(query);
    var answer = lift.lift(scope.shop().id(), scope.range(), query.authorization);
    List<LiftRow> rows = new ArrayList<>();
    rows.add(LiftRow.of("treated", "all", "all", answer.treated(), answer.conversionLift(),
        answer.revenuePerCustomerLift(), answer.redemptions()));
    rows.add(LiftRow.of("control", "all", "all", answer.control(), null, null, null));
    String controlOf = null;
    for (LiftQuery.VariantLift v : answer.variants()) {
      if (!v.triggerType().equals(controlOf)) {
        controlOf = v.triggerType();
        rows.add(LiftRow.of("control", controlOf, "all", v.control(), null, null, null));
      }
      rows.add(LiftRow.of("treated", v.triggerType(), v.variant(), v.treated(), v.conversionLift(),
          v.revenuePerCustomerLift(), v.redemptions()));
    }
    return answer(query, scope, "lift", answer, rows);
  }

  /** The authenticated shop (403 for another shop's key) and the validated range in its zone. */
  private record Scope(Shop shop, DateRange range) {}

  private Scope scope(ShopQuery query) {
    Shop shop = auth.shop(query.authorization, query.shopId);
    DateRange range = DateRange.parse(query.from, query.to, shop.timeZone());
    ExportFormat.chosen(query.format, query.accept); // a bad format is refused before any store is read
    return new Scope(shop, range);
  }

  /** One table row of the lift answer. */
  record LiftRow(String group, String triggerType, String variant, long customers, long converted,
      Double conversionRate, long revenueMinor, Long revenuePerCustomerMinor, Double conversionLift,
      Double conversionCi95Low, Double conversionCi95High, Double revenuePerCustomerLift, Double revenueCi95Low,
      Double revenueCi95High, Long redemptions, Long redeemedRevenueMinor, Long redeemedByOtherCustomer) {

    static LiftRow of(String group, String triggerType, String variant, LiftQuery.GroupStats s,
        LiftQuery.Estimate conversion, LiftQuery.Estimate revenue, LiftQuery.Redemptions redeemed) {
      return new LiftRow(group, triggerType, variant, s.customers(), s.converted(), s.conversionRate(),
          s.revenueMinor(), s.revenuePerCustomerMinor(), conversion == null ? null : conversion.difference(),
          conversion == null ? null : conversion.ci95Low(), conversion == null ? null : conversion.ci95High(),
          revenue == null ? null : revenue.difference(), revenue == null ? null : revenue.ci95Low(),
          revenue == null ? null : revenue.ci95High(), redeemed == null ? null : redeemed.redeemed(),
          redeemed == null ? null : redeemed.revenueMinor(), redeemed == null ? null : redeemed.byOtherCustomer());
    }
  }

  private static Response answer(ShopQuery query, Scope scope, String table, Object json, List<?> rows) {
    return Export.answer(ExportFormat.chosen(query.format, query.accept), json, rows, scope.shop().currency(),
        table + "-" + scope.shop().id() + "-" + scope.range().from() + "-" + scope.range().to());
  }

  private static int limit(String text) {
    if (text == null || text.isBlank()) {
      return 10;
    }
    try {
      int limit = Integer.parseInt(text.strip());
      if (limit >= 1 && limit <= 100) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw ApiException.badRequest("limit", "must be a whole number from 1 to 100");
  }
}
