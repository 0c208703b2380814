package io.upsell.engine.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.upsell.schemas.app.UsageReported;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestKafka;
import io.upsell.testkit.TestShops;
import io.upsell.testkit.TopicRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What an operator scrapes from the running engine: records consumed per input topic, its lag, undecided timers. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class EngineMetricsTest {

  private final TopicRecords records = new TopicRecords(TestKafka.broker(), EventSerdes.singleObject());

  @Test
  void metricsShowRecordsConsumedPerInputTopicLagAndTheOldestUndecidedTimer() throws InterruptedException {
    String customer = "metrics-" + UUID.randomUUID();
    Instant now = Instant.now();
    records.send(Topics.APP_USAGE, Keys.customer(TestShops.SHOP_A, customer), UsageReported.newBuilder()
        .setShopId(TestShops.SHOP_A).setCustomerId(customer).setEventId("u-" + customer).setOccurredAt(now)
        .setResource("storage").setUsedUnits(86).setQuotaUnits(100).setPlan("basic").build(), now.toEpochMilli());
    records.await(Topics.UPSELL_TRIGGERS, r -> r.value().getCustomerId().equals(customer), 1, Duration.ofSeconds(60));

    String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics).as("records consumed from app.usage, at least the one sent")
        .containsPattern("(?m)^upsell_records_consumed_total\\{topic=\"app.usage\"} [1-9]");
    assertThat(metrics).as("lag of app.usage, read to its end").containsPattern("(?m)^upsell_consumer_lag\\{topic=\"app.usage\"} 0.0$");
    assertThat(metrics).as("every input topic, global tables included")
        .contains("upsell_records_consumed_total{topic=\"shop.carts\"}", "upsell_consumer_lag{topic=\"upsell.rules\"}");
    assertThat(metrics).containsPattern("(?m)^upsell_triggers_undecided_oldest_seconds 0.0$");
  }
}
