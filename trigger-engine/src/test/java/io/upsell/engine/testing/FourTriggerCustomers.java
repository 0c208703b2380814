package io.upsell.engine.testing;

import io.upsell.schemas.app.CourseProgress;
import io.upsell.schemas.app.UsageReported;
import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.shop.CartEvent;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.testkit.BulkProducer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Customers who each earn four triggers whatever the order of arrival, for the restart and crash tests: consent,
 * storage at 85% then 96% (two storage prompts), a finished course, and a cart left idle 30 minutes ago plus a few
 * seconds (customer i's 10 ms later than customer i-1's), so its reminder falls due on wall clock during the run.
 */
public final class FourTriggerCustomers {

  public static final int PER_CUSTOMER = 4;

  private FourTriggerCustomers() {}

  /** Sends customers {@code from} (inclusive) to {@code to} of {@code shop}, times relative to {@code start}. */
  public static void send(BulkProducer out, String shop, Instant start, int from, int to) {
    sendProfiles(out, shop, start, from, to);
    sendActivity(out, shop, start, from, to);
  }

  /**
   * The customers' consent, an hour before {@code start}. Sent ahead of the activity when an engine is already
   * running: a running task takes what has arrived, so a course completion fetched before its customer's profile
   * is decided without consent (an email refused, NO_CONSENT) — arrival order, not time order, across topics.
   */
  public static void sendProfiles(BulkProducer out, String shop, Instant start, int from, int to) {
    long known = start.minus(Duration.ofHours(1)).toEpochMilli();
    for (int i = from; i < to; i++) {
      String customer = "c" + i;
      out.send(Topics.CRM_CUSTOMERS, Keys.customer(shop, customer), CustomerProfile.newBuilder().setShopId(shop)
          .setCustomerId(customer).setEventId("p" + i).setOccurredAt(Instant.ofEpochMilli(known))
          .setMarketingConsent(true).build(), known);
    }
    out.flush();
  }

  /** What earns the four triggers: two storage reports, a finished course, an idle cart. */
  public static void sendActivity(BulkProducer out, String shop, Instant start, int from, int to) {
    for (int i = from; i < to; i++) {
      String customer = "c" + i;
      String key = Keys.customer(shop, customer);
      long t = start.toEpochMilli() + i;
      for (long used : new long[] {85, 96}) {
        out.send(Topics.APP_USAGE, key, UsageReported.newBuilder().setShopId(shop).setCustomerId(customer)
            .setEventId("u" + used + "-" + i).setOccurredAt(Instant.ofEpochMilli(t + used)).setResource("storage")
            .setUsedUnits(used).setQuotaUnits(100).build(), t + used);
      }
      out.send(Topics.APP_COURSES, key, CourseProgress.newBuilder().setShopId(shop).setCustomerId(customer)
          .setEventId("k" + i).setOccurredAt(Instant.ofEpochMilli(t + 200)).setCourseId("intro").setPercent(100)
          .setCompleted(true).build(), t + 200);
      long idle = start.minus(Duration.ofMinutes(30)).plusSeconds(4).toEpochMilli() + i * 10L;
      out.send(Topics.SHOP_CARTS, key, CartEvent.newBuilder().setShopId(shop).setCustomerId(customer)
          .setEventId("cart" + i).setOccurredAt(Instant.ofEpochMilli(idle)).setCartId("cart").setType(
              CartEventType.ITEM_ADDED).setItems(List.of(LineItem.newBuilder().setProductId("mug").setQuantity(1)
              .setUnitPriceMinor(500).build())).setValueMinor(500).setCurrency("GBP").build(), idle);
    }
    out.flush();
  }

  /** What makes two published triggers the same decision (trigger ids are the engine's own). */
  public static String identity(UpsellTrigger t) {
    return t.getCustomerId() + "|" + t.getType() + "|" + t.getStep() + "|" + t.getSourceEventIds();
  }
}
