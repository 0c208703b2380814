package io.upsell.bench.engine;

import io.upsell.testkit.BulkProducer;
import io.upsell.engine.testing.OnlineRetail;
import io.upsell.schemas.app.CourseProgress;
import io.upsell.schemas.app.UsageReported;
import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.shop.CartEvent;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Benchmark input made from the real December 2010 orders of online-retail, replayed as many shops as needed:
 * per invoice the customer's profile (first time), up to five cart additions, the order, a storage report and,
 * for big baskets, a finished course. Times are shifted so the month ends an hour before now.
 */
final class BenchEvents {

  static final List<io.upsell.schemas.topics.Topic<?>> TOPICS = List.of(Topics.CRM_CUSTOMERS, Topics.SHOP_CARTS,
      Topics.SHOP_ORDERS, Topics.APP_USAGE, Topics.APP_COURSES);

  private BenchEvents() {}

  /** Writes at least {@code atLeast} events; returns how many. */
  static long produce(BulkProducer out, long atLeast) {
    List<OrderPlaced> orders = OnlineRetail.orders("template");
    long last = orders.stream().mapToLong(o -> o.getOccurredAt().toEpochMilli()).max().orElseThrow();
    long shift = Instant.now().minusSeconds(3600).toEpochMilli() - last;
    long written = 0;
    for (int replica = 0; written < atLeast; replica++) {
      String shop = "bench-" + replica;
      Set<String> known = new HashSet<>();
      for (OrderPlaced template : orders) {
        written += invoice(out, shop, template, template.getOccurredAt().toEpochMilli() + shift, known);
      }
    }
    out.flush();
    return written;
  }

  private static int invoice(BulkProducer out, String shop, OrderPlaced template, long at, Set<String> known) {
    String customer = template.getCustomerId();
    String key = Keys.customer(shop, customer);
    String id = template.getOrderId();
    int written = 0;
    if (known.add(customer)) {
      out.send(Topics.CRM_CUSTOMERS, key, CustomerProfile.newBuilder().setShopId(shop).setCustomerId(customer)
          .setEventId("p-" + customer).setOccurredAt(Instant.ofEpochMilli(at - 3_600_000)).setMarketingConsent(true)
          .setTimeZone("Europe/London").build(), at - 3_600_000);
      written++;
    }
    List<LineItem> lines = template.getLines();
    List<LineItem> cart = new ArrayList<>();
    int steps = Math.min(5, lines.size());
    for (int i = 0; i < steps; i++) {
      cart.add(lines.get(i));
      long t = at - (steps - i) * 60_000L;
      out.send(Topics.SHOP_CARTS, key, CartEvent.newBuilder().setShopId(shop).setCustomerId(customer)
          .setEventId("c-" + id + "-" + i).setOccurredAt(Instant.ofEpochMilli(t)).setCartId("cart-" + id)
          .setType(CartEventType.ITEM_ADDED).setItems(List.copyOf(cart)).setValueMinor(1000L * cart.size())
          .setCurrency("GBP").build(), t);
      written++;
    }
    OrderPlaced order = OrderPlaced.newBuilder(template).setShopId(shop).setEventId("o-" + id)
        .setOccurredAt(Instant.ofEpochMilli(at)).build();
    out.send(Topics.SHOP_ORDERS, key, new OrderEvent(order), at);
    out.send(Topics.APP_USAGE, key, UsageReported.newBuilder().setShopId(shop).setCustomerId(customer)
        .setEventId("u-" + id).setOccurredAt(Instant.ofEpochMilli(at + 1000)).setResource("storage")
        .setUsedUnits(order.getTotalMinor() % 100).setQuotaUnits(100).setPlan("basic").build(), at + 1000);
    written += 2;
    if (lines.size() > 10) {
      out.send(Topics.APP_COURSES, key, CourseProgress.newBuilder().setShopId(shop).setCustomerId(customer)
          .setEventId("k-" + id).setOccurredAt(Instant.ofEpochMilli(at + 2000)).setCourseId("course-" + lines.size() % 7)
          .setPercent(100).setCompleted(true).build(), at + 2000);
      written++;
    }
    return written;
  }
}
