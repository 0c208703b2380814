package io.upsell.analytics.api;

import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.analytics.query.RemoteRanges;
import io.upsell.analytics.query.StoreRanges;
import io.upsell.analytics.stream.AnalyticsTopology;
import io.upsell.platform.http.ApiException;
import io.upsell.platform.http.ShopAuth;
import io.upsell.platform.shops.Shop;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Instance-to-instance: this instance's partitions of a store range, for another instance answering a query.
 * The caller forwards the client's API key, and the range must lie inside that key's shop.
 */
@Path(RemoteRanges.PATH + "{store}")
@Produces(MediaType.APPLICATION_JSON)
public class InternalStoreResource {

  private final ShopAuth auth;
  private final StoreRanges ranges;

  public InternalStoreResource(ShopAuth auth, StoreRanges ranges) {
    this.auth = auth;
    this.ranges = ranges;
  }

  @GET
  @Operation(hidden = true)
  public SortedMap<String, long[]> range(@PathParam("store") String store, @QueryParam("partitions") String partitions,
      @QueryParam("from") String from, @QueryParam("to") String to,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    Shop shop = auth.shop(authorization);
    String prefix = shop.id() + StoreKeys.SEP;
    if (from == null || to == null || !from.startsWith(prefix) || !to.startsWith(prefix)) {
      throw ApiException.forbidden("from", "the range must lie inside the key's shop");
    }
    if (!AnalyticsTopology.COUNTER_STORES.contains(store) && !store.equals(StoreKeys.SPEND)) {
      throw ApiException.badRequest("store", "unknown store");
    }
    try {
      return ranges.local(store, parse(partitions), from, to);
    } catch (StoreRanges.NotReady e) {
      throw ApiException.unavailable(e.getMessage(), 1);
    }
  }

  private static Set<Integer> parse(String partitions) {
    Set<Integer> parsed = new TreeSet<>();
    try {
      for (String p : (partitions == null ? "" : partitions).split(",")) {
        if (!p.isBlank()) {
          parsed.add(Integer.parseInt(p.strip()));
        }
      }
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("partitions", "must be comma-separated partition numbers");
    }
    return parsed;
  }
}
