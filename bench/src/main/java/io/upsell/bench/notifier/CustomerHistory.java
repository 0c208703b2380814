package io.upsell.bench.notifier;

import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.notify.Delivery;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.DeliveryStatus;
import io.upsell.schemas.notify.Engagement;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.testkit.BulkProducer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A year of history for many shops, written to the broker with the production serdes: a profile for every customer
 * (crm.customers), engagement events and the notifier's past deliveries (engagement.events, notify.deliveries) for
 * customers drawn at random, with a realistic mix (mostly delivered and opened; a few unsubscribes and bounces, which
 * are the only engagement the notifier keeps). Seeded, so every run writes the same history.
 */
final class CustomerHistory {

  /** Customers are spread over this many shops (fewer when there are fewer customers). */
  static final int SHOPS = 50;
  private static final long YEAR_MILLIS = Duration.ofDays(365).toMillis();
  private static final List<String> LOCALES = List.of("en", "en", "en", "ar", "fr", "de");
  private static final List<String> ZONES = List.of("Europe/London", "Asia/Riyadh", "Europe/Paris", "UTC");

  private final int customers;
  private final int deliveries;
  private final int shops;
  private final long now = System.currentTimeMillis();

  CustomerHistory(int customers, int deliveries) {
    this.customers = customers;
    this.deliveries = deliveries;
    this.shops = Math.max(1, Math.min(SHOPS, customers / 10));
  }

  /**
   * Writes it all, each topic from its own thread and producer (on a busy machine one thread could not keep the
   * broker fed), and waits for every record's acknowledgement; throws if any was refused.
   */
  void write(String bootstrap, int engagements) throws Exception {
    List<Callable<Void>> topics = List.of(
        () -> write(bootstrap, 1, customers, (out, random, i) -> {
          long at = now - random.nextLong(YEAR_MILLIS);
          out.send(Topics.CRM_CUSTOMERS, key(i), profile(random, i, at), at);
        }),
        () -> write(bootstrap, 2, deliveries, (out, random, i) -> {
          int customer = random.nextInt(customers);
          long at = now - random.nextLong(YEAR_MILLIS);
          out.send(Topics.NOTIFY_DELIVERIES, key(customer), delivery(random, customer, i, at), at);
        }),
        () -> write(bootstrap, 3, engagements, (out, random, i) -> {
          int customer = random.nextInt(customers);
          long at = now - random.nextLong(YEAR_MILLIS);
          out.send(Topics.ENGAGEMENT_EVENTS, key(customer), engagement(random, customer, i, at), at);
        }));
    ExecutorService threads = Executors.newFixedThreadPool(topics.size());
    try {
      for (Future<Void> done : threads.invokeAll(topics)) {
        done.get();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  /** One record of a topic: the {@code i}th. */
  @FunctionalInterface
  private interface Record {
    void send(BulkProducer out, SplittableRandom random, int i);
  }

  private static Void write(String bootstrap, long seed, int count, Record record) {
    SplittableRandom random = new SplittableRandom(seed);
    try (var out = new BulkProducer(bootstrap)) {
      for (int i = 0; i < count; i++) {
        record.send(out, random, i);
      }
    }
    return null;
  }

  private String shop(int customer) {
    return "bench-shop-" + (customer % shops);
  }

  private static String customerId(int customer) {
    return "c-" + customer;
  }

  private String key(int customer) {
    return Keys.customer(shop(customer), customerId(customer));
  }

  private CustomerProfile profile(SplittableRandom random, int customer, long at) {
    return CustomerProfile.newBuilder().setShopId(shop(customer)).setCustomerId(customerId(customer))
        .setEventId("profile-" + customer).setOccurredAt(Instant.ofEpochMilli(at))
        .setEmail("customer-" + customer + "@example.com").setName("Customer " + customer)
        .setLocale(LOCALES.get(customer % LOCALES.size())).setTimeZone(ZONES.get(customer % ZONES.size()))
        .setMarketingConsent(random.nextInt(10) < 8)
        .setCreatedAt(Instant.ofEpochMilli(at - random.nextLong(YEAR_MILLIS))).build();
  }

  private Delivery delivery(SplittableRandom random, int customer, int n, long at) {
    int roll = random.nextInt(100);
    DeliveryChannel channel = roll < 70 ? DeliveryChannel.EMAIL : roll < 95 ? DeliveryChannel.IN_APP
        : DeliveryChannel.WEBHOOK;
    int outcome = random.nextInt(100);
    DeliveryStatus status = outcome < 92 ? DeliveryStatus.SENT : outcome < 97 ? DeliveryStatus.SKIPPED
        : DeliveryStatus.FAILED;
    TriggerType type = TriggerType.values()[random.nextInt(TriggerType.values().length)];
    return Delivery.newBuilder().setShopId(shop(customer)).setCustomerId(customerId(customer))
        .setDeliveryId("d-" + n + "-" + channel).setTriggerId("t-" + n).setTriggerType(type).setChannel(channel)
        .setStatus(status).setError(status == DeliveryStatus.FAILED ? "550 mailbox unavailable" : null)
        .setOccurredAt(Instant.ofEpochMilli(at)).build();
  }

  private Engagement engagement(SplittableRandom random, int customer, int n, long at) {
    int roll = random.nextInt(1000);
    EngagementType type = roll < 500 ? EngagementType.DELIVERED : roll < 800 ? EngagementType.OPENED
        : roll < 940 ? EngagementType.CLICKED : roll < 975 ? EngagementType.DISMISSED
        : roll < 985 ? EngagementType.DOWNVOTED : roll < 995 ? EngagementType.UNSUBSCRIBED : EngagementType.BOUNCED;
    int delivery = random.nextInt(Math.max(1, deliveries));
    return Engagement.newBuilder().setShopId(shop(customer)).setCustomerId(customerId(customer))
        .setEventId("e-" + n).setDeliveryId("d-" + delivery + "-EMAIL").setTriggerId("t-" + delivery)
        .setProductIds(type == EngagementType.DOWNVOTED ? List.of("p-" + random.nextInt(500)) : List.of())
        .setType(type).setChannel(DeliveryChannel.EMAIL).setOccurredAt(Instant.ofEpochMilli(at)).build();
  }
}
