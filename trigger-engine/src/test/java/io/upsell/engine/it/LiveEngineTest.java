package io.upsell.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.upsell.engine.testing.EngineDriver;
import io.upsell.schemas.app.CourseProgress;
import io.upsell.schemas.app.UsageReported;
import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.shop.CartEvent;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestKafka;
import io.upsell.testkit.TestShops;
import io.upsell.testkit.TopicRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The running service against the real test broker: events go in on the raw topics, triggers come out. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class LiveEngineTest {

  private static final String SHOP = TestShops.SHOP_A;
  private final TopicRecords records = new TopicRecords(TestKafka.broker(), EventSerdes.singleObject());

  private String consentingCustomer() {
    String customer = "it-" + UUID.randomUUID();
    Instant now = Instant.now();
    records.send(Topics.CRM_CUSTOMERS, Keys.customer(SHOP, customer), CustomerProfile.newBuilder().setShopId(SHOP)
        .setCustomerId(customer).setEventId("p-" + customer).setOccurredAt(now).setMarketingConsent(true)
        .setTimeZone("UTC").build(), now.toEpochMilli());
    return customer;
  }

  private UpsellTrigger awaitTrigger(String customer, TriggerType type) {
    List<ConsumerRecord<String, UpsellTrigger>> found = records.await(Topics.UPSELL_TRIGGERS,
        r -> r.value().getCustomerId().equals(customer) && r.value().getType() == type, 1, Duration.ofSeconds(60));
    assertThat(found).as("%s for %s", type, customer).hasSize(1);
    return found.get(0).value();
  }

  @Test
  void abandonedCartFiresWhenItsTimerComesDueOnTheWallClock() {
    String customer = consentingCustomer();
    // The cart went idle 30 minutes ago minus two seconds: the reminder is due two seconds from now.
    Instant idleSince = Instant.now().minus(Duration.ofMinutes(30)).plusSeconds(2);
    records.send(Topics.SHOP_CARTS, Keys.customer(SHOP, customer), CartEvent.newBuilder().setShopId(SHOP)
        .setCustomerId(customer).setEventId("cart-" + customer).setOccurredAt(idleSince).setCartId("c")
        .setType(CartEventType.ITEM_ADDED)
        .setItems(List.of(LineItem.newBuilder().setProductId("mug").setQuantity(1).setUnitPriceMinor(900).build()))
        .setValueMinor(900).setCurrency("GBP").build(), idleSince.toEpochMilli());

    UpsellTrigger cart = awaitTrigger(customer, TriggerType.CART_ABANDONED);

    assertThat(cart.getOffer().getProductIds()).containsExactly("mug");
    assertThat(cart.getFiredAt()).isAfterOrEqualTo(cart.getDueAt());
  }

  @Test
  void storageNearFullFiresAtOnce() {
    String customer = consentingCustomer();
    Instant now = Instant.now();

    records.send(Topics.APP_USAGE, Keys.customer(SHOP, customer), UsageReported.newBuilder().setShopId(SHOP)
        .setCustomerId(customer).setEventId("u-" + customer).setOccurredAt(now).setResource("storage")
        .setUsedUnits(86).setQuotaUnits(100).setPlan("basic").build(), now.toEpochMilli());

    assertThat(awaitTrigger(customer, TriggerType.STORAGE_NEAR_FULL).getReason()).contains("86%");
  }

  @Test
  void courseCompletedOffersTheNextCourse() throws InterruptedException {
    String customer = consentingCustomer();
    String course = "course-" + UUID.randomUUID();
    records.send(Topics.CATALOG_PRODUCTS, Keys.product(SHOP, course + "-2"),
        EngineDriver.productOf(course + "-2").setShopId(SHOP).setNextCourseOf(course).build(), Instant.now().toEpochMilli());
    // The catalog is a global table, updated by its own thread: give it a moment before the completion arrives.
    Thread.sleep(1500);
    Instant now = Instant.now();

    records.send(Topics.APP_COURSES, Keys.customer(SHOP, customer), CourseProgress.newBuilder().setShopId(SHOP)
        .setCustomerId(customer).setEventId("k-" + customer).setOccurredAt(now).setCourseId(course).setPercent(100)
        .setCompleted(true).build(), now.toEpochMilli());

    assertThat(awaitTrigger(customer, TriggerType.COURSE_COMPLETED).getOffer().getCourseId()).isEqualTo(course + "-2");
  }
}
