package io.upsell.analytics.api;

import io.upsell.analytics.AnalyticsConfig;
import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.analytics.query.RemoteRanges;
import io.upsell.analytics.query.ShopStores;
import io.upsell.analytics.query.StoreRanges;
import io.upsell.analytics.stream.AnalyticsTopology;
import io.upsell.platform.http.ApiException;
import io.upsell.platform.http.ShopAuth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Instance-to-instance: this instance's partitions of a store range, for another instance answering a query.
 * The caller forwards the client's API key, and the range must lie inside that key's shop; or, for the service's
 * own reads, it shows the instances' peer secret (compared in constant time), and the range must lie in one shop.
 */
@Path(RemoteRanges.PATH + "{store}")
@Produces(MediaType.APPLICATION_JSON)
public class InternalStoreResource {

  private final ShopAuth auth;
  private final StoreRanges ranges;
  private final ShopStores shopStores;
  private final Optional<byte[]> peerSecret;

  public InternalStoreResource(ShopAuth auth, StoreRanges ranges, ShopStores shopStores, AnalyticsConfig config) {
    this.auth = auth;
    this.ranges = ranges;
    this.shopStores = shopStores;
    this.peerSecret = config.peerSecret().map(secret -> secret.getBytes(StandardCharsets.UTF_8));
  }

  @GET
  @Operation(hidden = true)
  public SortedMap<String, long[]> range(@PathParam("store") String store, @QueryParam("partitions") String partitions,
      @QueryParam("from") String from, @QueryParam("to") String to,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(RemoteRanges.PEER_HEADER) String peer) {
    String shopId = authorization == null && peer != null ? peerShop(peer, from) : auth.shop(authorization).id();
    String prefix = shopId + StoreKeys.SEP;
    if (from == null || to == null || !from.startsWith(prefix) || !to.startsWith(prefix)) {
      throw ApiException.forbidden("from", "the range must lie inside the key's shop");
    }
    boolean shopKeyed = AnalyticsTopology.SHOP_COUNTER_STORES.contains(store);
    if (!AnalyticsTopology.COUNTER_STORES.contains(store) && !store.equals(StoreKeys.SPEND) && !shopKeyed) {
      throw ApiException.badRequest("store", "unknown store");
    }
    try {
      return shopKeyed ? shopStores.localCounters(store, parse(partitions), from, to)
          : ranges.local(store, parse(partitions), from, to);
    } catch (StoreRanges.NotReady e) {
      throw ApiException.unavailable(e.getMessage(), 1);
    }
  }

  // A peer may read any one shop: the one its range starts in (the check below keeps the range inside it).
  private String peerShop(String peer, String from) {
    boolean known = peerSecret.isPresent()
        && MessageDigest.isEqual(peerSecret.get(), peer.getBytes(StandardCharsets.UTF_8));
    if (!known) {
      throw ApiException.unauthorized("the peer secret is not this service's");
    }
    int end = from == null ? -1 : from.indexOf(StoreKeys.SEP);
    if (end <= 0) {
      throw ApiException.badRequest("from", "must start with a shop id");
    }
    return from.substring(0, end);
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
