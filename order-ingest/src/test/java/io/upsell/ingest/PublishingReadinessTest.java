package io.upsell.ingest;

import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import org.junit.jupiter.api.Test;

/** The readiness endpoint names the check that turns DOWN when this instance cannot publish (not read, fenced). */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class PublishingReadinessTest {

  @Test
  void readinessReportsPublishingUpOnceTheIdempotencyLogIsRead() {
    RestAssured.when().get("/q/health/ready").then().statusCode(200)
        .body("checks.findAll { it.name == 'order-ingest publishing' }.status", hasItem("UP"));
  }
}
