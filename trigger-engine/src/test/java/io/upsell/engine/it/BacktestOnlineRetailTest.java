package io.upsell.engine.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.upsell.engine.testing.AnalyticsLiftStub;
import io.upsell.engine.testing.OnlineRetail;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestKafka;
import io.upsell.testkit.TestShops;
import io.upsell.testkit.TopicRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * December 2010 of a real shop, its orders imported through the raw topics as {@code ./upsell import} does (no CRM
 * profiles: the data set has no consent field), replayed by POST /v1/backtests with {@code assumeConsent}: the report
 * says what would have fired, and nothing of the replay reaches the live topics.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
@QuarkusTestResource(AnalyticsLiftStub.class)
class BacktestOnlineRetailTest {

  private static final String SHOP = TestShops.SHOP_B;
  private static final String KEY = TestShops.bearer(TestShops.SHOP_B_KEY);

  @Test
  void replaysOnlineRetailAndReportsWithoutWritingToLiveTopics() throws Exception {
    // Live, the shop has every trigger switched off: anything on upsell.triggers for it would be the backtest's.
    given().header("Authorization", KEY).contentType(ContentType.JSON).body("{\"enabledTriggers\": []}")
        .put("/v1/shops/" + SHOP + "/rules").then().statusCode(200);
    List<OrderPlaced> orders = OnlineRetail.orders(SHOP);
    importHistory(orders);

    String id = given().header("Authorization", KEY).contentType(ContentType.JSON)
        // The contract's defaults (the test profile switches quiet hours and holdout off for the live tests).
        .body("{\"from\": \"2010-12-01\", \"to\": \"2011-01-01\", \"assumeConsent\": true,"
            + " \"rules\": {\"holdoutPercent\": 5, \"quietHoursStart\": \"21:00\", \"quietHoursEnd\": \"08:00\"}}")
        .post("/v1/backtests").then().statusCode(202).extract().path("id");
    JsonPath job = awaitDone(id);
    Files.writeString(Path.of("target", "backtest-online-retail.json"), job.prettify());
    System.out.println("[backtest online-retail] " + job.prettify());

    assertThat(job.getString("status")).isEqualTo("DONE");
    assertThat(job.getBoolean("assumeConsent")).isTrue();
    Map<String, Integer> fired = job.getMap("report.firedByType");
    assertThat(fired).containsKey("POST_PURCHASE_CROSS_SELL");
    // Without a profile and without the assumption, every one of them would be refused NO_CONSENT.
    assertThat(job.getMap("report.suppressedByReason")).isNotEmpty().doesNotContainKey("NO_CONSENT");
    // Each sample comes with the events that fired it, in full: the order of a cross-sell.
    String sourceId = job.getString("report.samplesByType.POST_PURCHASE_CROSS_SELL[0].sourceEventIds[0]");
    assertThat(job.getString("report.sourceEvents.'" + sourceId + "'.topic")).isEqualTo(Topics.SHOP_ORDERS.name());
    assertThat(job.getString("report.sourceEvents.'" + sourceId + "'.type")).isEqualTo("OrderEvent");
    assertThat(job.prettify()).contains("\"eventId\": \"" + sourceId + "\"");
    // What the sends would have earned, priced by the shop's lift that analytics measured (asked with the caller's key).
    assertThat(AnalyticsLiftStub.REQUESTS).contains("/v1/shops/" + SHOP + "/lift " + KEY);
    assertThat(job.getString("earnings.currency")).isEqualTo("SAR");
    assertThat(job.getString("earnings.assumption")).contains("measured lift from 2026-11-07 to 2026-12-08");
    int firedA = job.getInt("report.firedByTypeAndVariant.POST_PURCHASE_CROSS_SELL.A");
    Map<String, Object> rowA = job.getMap("earnings.rows.find { it.type == 'POST_PURCHASE_CROSS_SELL' && it.variant == 'A' }");
    assertThat(rowA).containsEntry("fired", firedA);
    assertThat(job.getLong("earnings.rows.find { it.variant == 'A' }.total.minor")).isEqualTo(Math.round(125.5 * firedA));
    assertThat(job.getString("earnings.rows.find { it.variant == 'B' }.note")).isEqualTo("no evidence yet");
    TopicRecords records = new TopicRecords(TestKafka.broker(), EventSerdes.singleObject());
    assertThat(records.readAll(Topics.UPSELL_TRIGGERS, r -> r.value().getShopId().equals(SHOP), Duration.ofSeconds(2)))
        .isEmpty();
    assertLeftNothingBehind("trigger-engine-backtest-" + id);
  }

  // DONE means torn down: the replay's consumer group and internal topics are already gone when the job says so.
  private static void assertLeftNothingBehind(String applicationId) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        TestKafka.broker().bootstrapServers()))) {
      assertThat(admin.listGroups().all().get()).extracting(GroupListing::groupId).doesNotContain(applicationId);
      assertThat(admin.listTopics().names().get()).noneMatch(topic -> topic.startsWith(applicationId));
    }
  }

  private static JsonPath awaitDone(String id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    JsonPath job;
    do {
      Thread.sleep(500);
      job = given().header("Authorization", KEY).get("/v1/backtests/" + id).then().statusCode(200).extract().jsonPath();
    } while (List.of("QUEUED", "RUNNING").contains(job.getString("status")) && System.nanoTime() < deadline);
    return job;
  }

  private static void importHistory(List<OrderPlaced> orders) {
    EventSerdes serdes = EventSerdes.singleObject();
    Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.broker().bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all");
    try (var placed = new KafkaProducer<>(config, serdes.keySerde().serializer(),
        serdes.valueSerde(Topics.SHOP_ORDERS).serializer())) {
      for (OrderPlaced order : orders) {
        String key = Keys.customer(SHOP, order.getCustomerId());
        placed.send(new ProducerRecord<>(Topics.SHOP_ORDERS.name(), null, order.getOccurredAt().toEpochMilli(), key,
            new OrderEvent(order)));
      }
      placed.flush();
    }
  }
}
