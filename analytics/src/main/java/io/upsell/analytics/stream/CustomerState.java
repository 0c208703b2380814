package io.upsell.analytics.stream;

import io.upsell.analytics.kpi.Granularity;
import io.upsell.schemas.shop.SalesChannel;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the aggregates remember of one customer so a late or historical event corrects the periods it touches:
 * the first order, the periods with orders, recent orders, episodes, deliveries and the lift group.
 */
public class CustomerState {

  private static final int KEEP_ORDERS = 20;
  private static final int KEEP_DELIVERIES = 30;

  public Long firstOrderAt;
  /** Period ids with at least one order, ascending, per granularity (by ordinal): compact to read and keep. */
  public long[][] periods = emptyPeriods();
  public List<OrderFact> orders = new ArrayList<>();
  /** Whether orders were forgotten (beyond the latest kept): their ids are then in the counted-orders store. */
  public boolean forgotOrders;
  public Map<String, Episodes> episodes = new HashMap<>();
  public Map<String, DeliveryFact> deliveries = new HashMap<>();
  /** Lift group: {@code T} (treated) or {@code C} (holdout control), decided by the first decision seen. */
  public GroupFact group;
  public String timeZone;

  /**
   * One placed order, as attribution, lift and refunds need it: its channel (a refund takes revenue back from it)
   * and what was refunded of it so far.
   */
  public record OrderFact(String orderId, long at, long totalMinor, String notificationId, SalesChannel channel,
      long refundedMinor) {

    /** What the order still earns after refunds and cancellations. */
    long netMinor() {
      return totalMinor - refundedMinor;
    }

    OrderFact refunded(long amountMinor) {
      return new OrderFact(orderId, at, totalMinor, notificationId, channel, refundedMinor + amountMinor);
    }
  }

  /** One message to the customer and what they did with it. */
  public static class DeliveryFact {
    public String triggerId;
    public String type;
    public String variant;
    public Long sentAt;
    public boolean failed;
    /** The notifier's outcome is UNKNOWN: a send cut off by a crash, which may or may not have arrived. */
    public boolean unknown;
    public Long deliveredAt;
    public Long openedAt;
    public Long clickedAt;
  }

  /** The lift group the customer entered, when, and through which trigger. */
  public record GroupFact(String group, long enteredAt, String type, String variant) {}

  /** Adds the period; false if the customer already had an order in it. */
  boolean addPeriod(Granularity g, long periodId) {
    long[] ids = periods[g.ordinal()];
    int at = Arrays.binarySearch(ids, periodId);
    if (at >= 0) {
      return false;
    }
    int insert = -at - 1;
    long[] grown = new long[ids.length + 1];
    System.arraycopy(ids, 0, grown, 0, insert);
    grown[insert] = periodId;
    System.arraycopy(ids, insert, grown, insert + 1, ids.length - insert);
    periods[g.ordinal()] = grown;
    return true;
  }

  boolean hasPeriod(Granularity g, long periodId) {
    return Arrays.binarySearch(periods[g.ordinal()], periodId) >= 0;
  }

  static long[][] emptyPeriods() {
    long[][] empty = new long[Granularity.LIST.size()][];
    Arrays.fill(empty, new long[0]);
    return empty;
  }

  public TreeSet<Long> orderTimes() {
    TreeSet<Long> times = new TreeSet<>();
    orders.forEach(o -> times.add(o.at()));
    return times;
  }

  public Episodes episodes(String kind) {
    return episodes.computeIfAbsent(kind, k -> new Episodes());
  }

  public boolean hasUpsell() {
    return group != null || !deliveries.isEmpty();
  }

  /** Keeps orders in time order; a new order is usually the latest. */
  void addOrder(OrderFact order) {
    int at = orders.size();
    while (at > 0 && orders.get(at - 1).at() > order.at()) {
      at--;
    }
    orders.add(at, order);
  }

  /** Index of the remembered order {@code orderId} in {@link #orders}, or -1. */
  int orderIndex(String orderId) {
    for (int i = orders.size() - 1; i >= 0; i--) {
      if (orders.get(i).orderId().equals(orderId)) {
        return i;
      }
    }
    return -1;
  }

  DeliveryFact delivery(String deliveryId) {
    return deliveries.computeIfAbsent(deliveryId, id -> new DeliveryFact());
  }

  /**
   * Forgets the oldest orders and deliveries beyond what is kept. Called before an event's contributions are
   * computed, so what is forgotten stays counted as it was and is only no longer corrected. Returns the ids of the
   * orders forgotten (for {@link CountedOrders}).
   */
  List<String> prune() {
    List<String> forgotten = List.of();
    while (orders.size() > KEEP_ORDERS) {
      if (forgotten.isEmpty()) {
        forgotten = new ArrayList<>();
      }
      forgotten.add(orders.remove(0).orderId());
      forgotOrders = true;
    }
    while (deliveries.size() > KEEP_DELIVERIES) {
      deliveries.entrySet().stream()
          .min(Comparator.comparingLong(e -> e.getValue().sentAt == null ? 0 : e.getValue().sentAt))
          .ifPresent(e -> deliveries.remove(e.getKey()));
    }
    return forgotten;
  }
}
