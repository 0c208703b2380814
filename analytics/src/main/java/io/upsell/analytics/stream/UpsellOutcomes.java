package io.upsell.analytics.stream;

import io.upsell.analytics.kpi.FunnelMeasure;
import io.upsell.analytics.kpi.Granularity;
import io.upsell.analytics.kpi.LiftMeasure;
import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.analytics.stream.CustomerState.DeliveryFact;
import io.upsell.analytics.stream.CustomerState.GroupFact;
import io.upsell.analytics.stream.CustomerState.OrderFact;
import io.upsell.schemas.notify.Delivery;
import io.upsell.schemas.notify.DeliveryStatus;
import io.upsell.schemas.notify.Engagement;
import io.upsell.schemas.upsell.SuppressedTrigger;
import io.upsell.schemas.upsell.SuppressionReason;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.time.Instant;
import java.time.ZoneId;

/**
 * What each upsell earned. Decisions count when they happen; everything after a send (delivered, opened, clicked,
 * converted, attributed revenue, lift) is recomputed from the customer's state, so a click or delivery arriving
 * after the order it explains still corrects the figures. An order goes to the delivery clicked last within the
 * click window, else the one sent last within the view window (a delivery the order names first, under the same
 * windows). Holdout decisions (suppressed with reason HOLDOUT
 * and {@code holdout=true}) put the customer in the control group, and their orders count there.
 */
final class UpsellOutcomes {

  static final String TREATED = "T";
  static final String CONTROL = "C";

  private final AnalyticsSettings settings;

  UpsellOutcomes(AnalyticsSettings settings) {
    this.settings = settings;
  }

  void decided(UpsellTrigger trigger, ZoneId zone, CustomerState state, Contributions out) {
    String key = funnelKey(trigger.getShopId(), trigger.getFiredAt().toEpochMilli(), zone, trigger.getType().name(),
        trigger.getVariant());
    funnel(out, key, FunnelMeasure.DECIDED.ordinal(), 1);
    if (!trigger.getHoldout()) {
      enter(state, TREATED, trigger);
    }
  }

  void suppressed(SuppressedTrigger suppressed, ZoneId zone, CustomerState state, Contributions out) {
    UpsellTrigger trigger = suppressed.getTrigger();
    String key = funnelKey(trigger.getShopId(), trigger.getFiredAt().toEpochMilli(), zone, trigger.getType().name(),
        trigger.getVariant());
    funnel(out, key, FunnelMeasure.DECIDED.ordinal(), 1);
    funnel(out, key, FunnelMeasure.SUPPRESSED.ordinal(), 1);
    funnel(out, key, FunnelMeasure.suppressedBy(suppressed.getSuppressionReason()), 1);
    if (suppressed.getSuppressionReason() == SuppressionReason.HOLDOUT && trigger.getHoldout()) {
      funnel(out, key, FunnelMeasure.HOLDOUT.ordinal(), 1);
      enter(state, CONTROL, trigger);
    }
  }

  void delivered(Delivery delivery, CustomerState state) {
    DeliveryFact fact = state.delivery(delivery.getDeliveryId());
    fact.triggerId = delivery.getTriggerId();
    fact.type = delivery.getTriggerType().name();
    fact.variant = delivery.getVariant();
    if (delivery.getStatus() != DeliveryStatus.SKIPPED) {
      fact.sentAt = delivery.getOccurredAt().toEpochMilli();
      fact.failed = delivery.getStatus() == DeliveryStatus.FAILED;
      fact.unknown = delivery.getStatus() == DeliveryStatus.UNKNOWN;
    }
  }

  /** A down-vote counts once it happens, under the type and variant of the delivery it concerns (when known). */
  void engaged(Engagement engagement, ZoneId zone, CustomerState state, Contributions out) {
    String deliveryId = engagement.getDeliveryId();
    if (deliveryId == null && engagement.getTriggerId() != null) {
      deliveryId = state.deliveries.entrySet().stream()
          .filter(e -> engagement.getTriggerId().equals(e.getValue().triggerId))
          .map(java.util.Map.Entry::getKey).findFirst().orElse(null);
    }
    if (deliveryId == null) {
      return;
    }
    DeliveryFact fact = state.delivery(deliveryId);
    long at = engagement.getOccurredAt().toEpochMilli();
    switch (engagement.getType()) {
      case DELIVERED -> fact.deliveredAt = earliest(fact.deliveredAt, at);
      case OPENED -> fact.openedAt = earliest(fact.openedAt, at);
      case CLICKED -> fact.clickedAt = earliest(fact.clickedAt, at);
      case DOWNVOTED -> {
        if (fact.type != null) {
          out.add(StoreKeys.DOWNVOTES, funnelKey(engagement.getShopId(), at, zone, fact.type, fact.variant), 0, 1, 1);
        }
      }
      default -> {
        // dismissals and bounces are not funnel stages
      }
    }
  }

  /** Everything the customer's state contributes after decisions: funnel stages, attribution, send hours, lift. */
  Contributions of(String shop, ZoneId shopZone, CustomerState state) {
    Contributions out = new Contributions();
    if (!state.hasUpsell()) {
      return out;
    }
    ZoneId customerZone = state.timeZone == null ? shopZone : ZoneId.of(state.timeZone);
    state.deliveries.values().stream().filter(d -> d.sentAt != null && d.type != null)
        .forEach(d -> stages(shop, shopZone, customerZone, d, out));
    for (OrderFact order : state.orders) {
      attribute(state, order).ifPresent(a -> {
        String key = funnelKey(shop, a.delivery().sentAt, shopZone, a.delivery().type, a.delivery().variant);
        funnel(out, key, FunnelMeasure.CONVERTED.ordinal(), 1);
        funnel(out, key, FunnelMeasure.ATTRIBUTED_REVENUE.ordinal(), order.netMinor());
        funnel(out, key, (a.byClick() ? FunnelMeasure.CLICK_ORDERS : FunnelMeasure.VIEW_ORDERS).ordinal(), 1);
        funnel(out, key, (a.byClick() ? FunnelMeasure.CLICK_REVENUE : FunnelMeasure.VIEW_REVENUE).ordinal(),
            order.netMinor());
      });
    }
    if (state.group != null) {
      lift(shop, shopZone, state, out);
    }
    return out;
  }

  /** The delivery an order is attributed to, and whether by a click (else by a view). */
  record Attribution(DeliveryFact delivery, boolean byClick) {}

  /**
   * The contract's rule: the delivery clicked last within the click window before the order, else the one sent
   * last within the view window. An order naming its delivery ({@code notificationId}) goes to that one when it
   * qualifies under the same windows (clicked within the click window, else sent within the view window), even
   * over a later click of another; when it does not, the order is attributed as if it named none.
   */
  java.util.Optional<Attribution> attribute(CustomerState state, OrderFact order) {
    if (order.notificationId() != null) {
      DeliveryFact named = state.deliveries.get(order.notificationId());
      if (named != null && clickedWithin(named, order)) {
        return java.util.Optional.of(new Attribution(named, true));
      }
      if (named != null && sentWithin(named, order)) {
        return java.util.Optional.of(new Attribution(named, false));
      }
    }
    var clicked = state.deliveries.values().stream().filter(d -> clickedWithin(d, order))
        .max(java.util.Comparator.comparingLong(d -> d.clickedAt));
    if (clicked.isPresent()) {
      return clicked.map(d -> new Attribution(d, true));
    }
    return state.deliveries.values().stream().filter(d -> sentWithin(d, order))
        .max(java.util.Comparator.comparingLong(d -> d.sentAt))
        .map(d -> new Attribution(d, false));
  }

  private boolean clickedWithin(DeliveryFact d, OrderFact order) {
    return d.type != null && d.sentAt != null && d.clickedAt != null && d.clickedAt <= order.at()
        && order.at() - d.clickedAt <= settings.clickWindow().toMillis();
  }

  private boolean sentWithin(DeliveryFact d, OrderFact order) {
    return d.type != null && d.sentAt != null && !d.failed && d.sentAt <= order.at()
        && order.at() - d.sentAt <= settings.viewWindow().toMillis();
  }

  private void stages(String shop, ZoneId shopZone, ZoneId customerZone, DeliveryFact d, Contributions out) {
    String key = funnelKey(shop, d.sentAt, shopZone, d.type, d.variant);
    if (d.failed) {
      funnel(out, key, FunnelMeasure.FAILED.ordinal(), 1);
      return;
    }
    if (d.unknown) {
      funnel(out, key, FunnelMeasure.UNKNOWN, 1);
      return;
    }
    boolean clicked = d.clickedAt != null;
    boolean opened = clicked || d.openedAt != null;
    funnel(out, key, FunnelMeasure.SENT.ordinal(), 1);
    funnel(out, key, FunnelMeasure.DELIVERED.ordinal(), opened || d.deliveredAt != null ? 1 : 0);
    funnel(out, key, FunnelMeasure.OPENED.ordinal(), opened ? 1 : 0);
    funnel(out, key, FunnelMeasure.CLICKED.ordinal(), clicked ? 1 : 0);
    int hour = Instant.ofEpochMilli(d.sentAt).atZone(customerZone).getHour();
    String hourKey = StoreKeys.daily(shop, Granularity.DAY.periodOf(d.sentAt, shopZone), String.format("%02d", hour));
    out.add(StoreKeys.SEND_HOURS, hourKey, 0, 3, 1);
    out.add(StoreKeys.SEND_HOURS, hourKey, 1, 3, opened ? 1 : 0);
    out.add(StoreKeys.SEND_HOURS, hourKey, 2, 3, clicked ? 1 : 0);
  }

  private void lift(String shop, ZoneId zone, CustomerState state, Contributions out) {
    GroupFact group = state.group;
    long end = group.enteredAt() + settings.liftWindow().toMillis();
    long revenue = state.orders.stream().filter(o -> o.at() >= group.enteredAt() && o.at() < end)
        .mapToLong(OrderFact::netMinor).sum();
    boolean converted = state.orders.stream().anyMatch(o -> o.at() >= group.enteredAt() && o.at() < end);
    String key = StoreKeys.daily(shop, Granularity.DAY.periodOf(group.enteredAt(), zone),
        group.type() + "|" + group.variant() + "|" + group.group());
    out.add(StoreKeys.LIFT, key, LiftMeasure.CUSTOMERS.ordinal(), LiftMeasure.SIZE, 1);
    out.add(StoreKeys.LIFT, key, LiftMeasure.CONVERTED.ordinal(), LiftMeasure.SIZE, converted ? 1 : 0);
    out.add(StoreKeys.LIFT, key, LiftMeasure.REVENUE.ordinal(), LiftMeasure.SIZE, revenue);
    out.add(StoreKeys.LIFT, key, LiftMeasure.REVENUE_SQUARED.ordinal(), LiftMeasure.SIZE, revenue * revenue);
  }

  // Control wins over treated (a holdout customer stays in the control group); within a group the first entry.
  private static void enter(CustomerState state, String group, UpsellTrigger trigger) {
    long at = trigger.getFiredAt().toEpochMilli();
    GroupFact current = state.group;
    boolean replace = current == null
        || (group.equals(CONTROL) && current.group().equals(TREATED))
        || (group.equals(current.group()) && at < current.enteredAt());
    if (replace) {
      state.group = new GroupFact(group, at, trigger.getType().name(), trigger.getVariant());
    }
  }

  private static String funnelKey(String shop, long at, ZoneId zone, String type, String variant) {
    return StoreKeys.daily(shop, Granularity.DAY.periodOf(at, zone), type + "|" + variant);
  }

  private static void funnel(Contributions out, String key, int index, long delta) {
    out.add(StoreKeys.FUNNEL, key, index, FunnelMeasure.SIZE, delta);
  }

  private static Long earliest(Long current, long at) {
    return current == null || at < current ? at : current;
  }
}
