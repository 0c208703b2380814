package io.upsell.notifier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.upsell.notifier.support.Fixtures;
import io.upsell.notifier.support.MailAndHooks;
import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an operator scrapes from the running notifier: records handled per topic, lag, the oldest unsent trigger. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
@QuarkusTestResource(MailAndHooks.class)
class NotifierMetricsTest {

  @Test
  void metricsShowRecordsProcessedPerTopicLagAndTheAgeOfTheOldestUnsentTrigger() throws Exception {
    String customer = Fixtures.unique("metrics");
    Fixtures.profile(TestShops.SHOP_A, customer, customer + "@example.com", "Mia", "en", true);
    Fixtures.send(Fixtures.trigger(TestShops.SHOP_A, customer, TriggerType.CART_ABANDONED, List.of("p-mug"),
        ChannelHint.ANY));
    assertThat(Fixtures.mailTo(customer + "@example.com", 1, Duration.ofSeconds(30))).hasSize(1);

    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

    assertThat(metrics).as("triggers handled to their outcome").containsPattern(
        "(?m)^upsell_records_processed_total\\{topic=\"upsell.triggers\",worker=\"trigger-consumer\"} [1-9]");
    assertThat(metrics).as("customer profiles read into the table").containsPattern(
        "(?m)^upsell_records_processed_total\\{topic=\"crm.customers\",worker=\"read-crm.customers\"} [1-9]");
    assertThat(metrics).as("lag of the trigger consumer").containsPattern(
        "(?m)^upsell_worker_lag\\{worker=\"trigger-consumer\"} [0-9]");
    assertThat(metrics).as("age of the oldest trigger taken and not yet sent").containsPattern(
        "(?m)^upsell_worker_oldest_pending_seconds\\{worker=\"trigger-consumer\"} [0-9]");
  }
}
