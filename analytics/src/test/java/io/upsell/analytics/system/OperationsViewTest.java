package io.upsell.analytics.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.upsell.analytics.fixtures.Eventually;
import io.upsell.analytics.fixtures.Events;
import io.upsell.analytics.fixtures.ShopEvents;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees of the running analytics service and, through it, of the others: records consumed per input
 * topic and lag on /q/metrics, and the system view behind the dashboard's system panel.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
@QuarkusTestResource(value = StandInService.class, restrictToAnnotatedClass = true)
class OperationsViewTest {

  @Test
  void metricsShowRecordsConsumedPerInputTopicAndLag() {
    String customer = "ops-" + UUID.randomUUID();
    try (ShopEvents events = new ShopEvents(TestShops.SHOP_A)) {
      events.send(customer, Instant.now(), Events.trigger(TestShops.SHOP_A, customer, "t-" + customer,
          TriggerType.STORAGE_NEAR_FULL, "A", false, Instant.now()));
    }

    Eventually.passes(() -> assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
        .as("records consumed from upsell.triggers, at least the one sent")
        .containsPattern("(?m)^upsell_records_consumed_total\\{topic=\"upsell.triggers\"} [1-9]"));

    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics).as("lag per input topic, a number").containsPattern(
        "(?m)^upsell_consumer_lag\\{topic=\"upsell.triggers\"} [0-9]");
    assertThat(metrics).as("every input topic").contains("upsell_records_consumed_total{topic=\"shop.orders\"}",
        "upsell_consumer_lag{topic=\"engagement.events\"}");
  }

  @Test
  void systemViewShowsEachServicesStateLagAndTheReasonOfItsDownCheck() {
    JsonPath view = given().header("Authorization", "Bearer " + TestShops.SHOP_A_KEY).get("/v1/system")
        .then().statusCode(200).extract().jsonPath();

    assertThat(view.getString("services[0].name")).isEqualTo("stand-in");
    assertThat(view.getString("services[0].state")).isEqualTo("DOWN");
    assertThat(view.getLong("services[0].lag")).as("the lag gauges summed").isEqualTo(45);
    assertThat(view.getString("services[0].error"))
        .isEqualTo("kafka-streams: stream thread died: java.lang.OutOfMemoryError: Java heap space");
    assertThat(view.getString("services[1].name")).isEqualTo("gone");
    assertThat(view.getString("services[1].state")).isEqualTo("UNREACHABLE");
    assertThat(view.getString("services[1].error")).startsWith("no answer from http://127.0.0.1:");
  }

  @Test
  void systemViewNeedsAShopApiKey() {
    given().get("/v1/system").then().statusCode(401).body("status", equalTo(401));
  }
}
