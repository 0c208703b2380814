package io.upsell.deploy.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Logger;

/**
 * Demo traffic for the demo shop: every few seconds a new customer arrives and browses and buys, abandons a cart,
 * fills their storage towards the quota, or completes a course — so every kind of trigger has something to fire on.
 * Products are the real best sellers of {@code ../shared/data/online-retail}.
 */
final class TrafficSimulator implements Runnable {

  private static final Logger LOG = Logger.getLogger(TrafficSimulator.class.getName());
  private static final String[] NAMES = {"Amelia", "Omar", "Layla", "George", "Fatimah", "Harry", "Yusuf", "Isla"};

  private final IngestClient ingest;
  private final DemoCatalog catalog;
  private final Random random = new Random(42);
  private final long pauseMillis;
  private int customers;

  TrafficSimulator(IngestClient ingest, DemoCatalog catalog, long pauseMillis) {
    this.ingest = ingest;
    this.catalog = catalog;
    this.pauseMillis = pauseMillis;
  }

  static void startInBackground(IngestClient ingest, DemoCatalog catalog) {
    var simulator = new TrafficSimulator(ingest, catalog, 3000);
    Thread thread = new Thread(simulator, "traffic-simulator");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void run() {
    postQuietly(DemoEvents.catalog(catalog, System.currentTimeMillis()));
    while (!Thread.currentThread().isInterrupted()) {
      postQuietly(nextCustomer());
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** One new customer's session, chosen in turn: buy, abandon a cart, fill storage, complete a course. */
  List<Map<String, Object>> nextCustomer() {
    int n = ++customers;
    String customer = "demo-c" + n;
    long now = System.currentTimeMillis();
    List<Map<String, Object>> events = new ArrayList<>();
    events.add(DemoEvents.profile(customer, NAMES[n % NAMES.length], n % 3 == 0 ? "ar" : "en", now));
    List<DemoCatalog.Item> basket = basket();
    switch (n % 4) {
      case 0 -> {
        events.add(DemoEvents.cart("cart_item_added", customer, "cart-" + n, basket, now));
        events.add(DemoEvents.cart("checkout_started", customer, "cart-" + n, basket, now + 1));
        events.add(DemoEvents.order(customer, basket, now + 2));
      }
      case 1 -> events.add(DemoEvents.cart("cart_item_added", customer, "cart-" + n, basket, now));
      case 2 -> {
        for (int percent : new int[] {55, 72, 86, 96}) {
          events.add(DemoEvents.usage(customer, percent, now + percent));
        }
      }
      default -> {
        for (int percent : new int[] {40, 80, 100}) {
          events.add(DemoEvents.course(customer, "course-intro", percent, now + percent));
        }
      }
    }
    return events;
  }

  private List<DemoCatalog.Item> basket() {
    List<DemoCatalog.Item> items = catalog.items();
    int first = 2 * random.nextInt(Math.max(1, items.size() / 2));
    return List.of(items.get(first));
  }

  private void postQuietly(List<Map<String, Object>> events) {
    try {
      int status = ingest.post(events);
      if (status != 202) {
        LOG.warning("ingest answered " + status + " to a demo batch");
      }
    } catch (Exception e) {
      LOG.warning("demo batch not posted: " + e.getMessage());
    }
  }
}
