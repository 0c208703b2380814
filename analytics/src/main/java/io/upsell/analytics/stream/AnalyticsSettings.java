package io.upsell.analytics.stream;

import java.time.Duration;
import java.time.ZoneId;
import java.util.function.Function;

/**
 * What the topology needs to know besides the events: each shop's time zone, and the windows of attribution,
 * lift and conversion.
 *
 * @param zoneOf the shop's zone (from the shop directory); unknown shops count in UTC
 * @param currencyOf the shop's currency (from the shop directory); orders in another are kept apart, never summed
 *     into the shop's money figures. Null (unknown shop): every order counts as the shop's
 * @param clickWindow an order is attributed to the last click at most this long before it
 * @param viewWindow failing a click, to the last delivery at most this long before it
 * @param liftWindow a lift group member converts with an order this long after entering the group
 * @param sessionWindow a session converts with an order this long after it started
 * @param cartWindow a cart or checkout converts with an order this long after it started
 * @param persistentCustomers customer histories in RocksDB (large shops) instead of memory (fast; rebuilt from
 *     the changelog at start)
 * @param layout where the tasks report state of an older layout (the queries read it)
 */
public record AnalyticsSettings(Function<String, ZoneId> zoneOf, Function<String, String> currencyOf,
    Duration clickWindow, Duration viewWindow,
    Duration liftWindow, Duration sessionWindow, Duration cartWindow, boolean persistentCustomers,
    StateLayout layout) {

  public AnalyticsSettings(Function<String, ZoneId> zoneOf, Function<String, String> currencyOf,
      Duration clickWindow, Duration viewWindow, Duration liftWindow, Duration sessionWindow, Duration cartWindow,
      boolean persistentCustomers) {
    this(zoneOf, currencyOf, clickWindow, viewWindow, liftWindow, sessionWindow, cartWindow, persistentCustomers,
        new StateLayout());
  }

  public static AnalyticsSettings defaults(Function<String, ZoneId> zoneOf, Function<String, String> currencyOf) {
    return new AnalyticsSettings(zoneOf, currencyOf, Duration.ofDays(5), Duration.ofDays(1), Duration.ofDays(7),
        Duration.ofHours(2), Duration.ofDays(1), false);
  }

  /** The shop's currency, null when unknown. */
  public String currency(String shopId) {
    return currencyOf.apply(shopId);
  }

  public ZoneId zone(String shopId) {
    ZoneId zone = zoneOf.apply(shopId);
    return zone == null ? ZoneId.of("UTC") : zone;
  }
}
