package io.upsell.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import org.junit.jupiter.api.Test;

/** Every ingest endpoint is in the OpenAPI document with request examples and its refusals. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class OpenApiTest {

  @Test
  void documentsEveryEndpointWithExamplesAndRefusals() {
    var document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200);
    document.body("paths", hasKey("/v1/events"))
        .body("paths", hasKey("/v1/events/batch"))
        .body("paths", hasKey("/v1/segment"))
        .body("paths", hasKey("/v1/webhooks/shopify/{shopId}"))
        .body("paths.'/v1/events'.post.requestBody.content.'application/json'.examples.usage_reported.value",
            notNullValue())
        .body("paths.'/v1/events/batch'.post.requestBody.content.'application/x-ndjson'.examples.ndjson.value",
            notNullValue())
        .body("paths.'/v1/segment'.post.requestBody.content.'application/json'.examples.track.value",
            notNullValue())
        .body("paths.'/v1/events/batch'.post.responses", hasKey("503"))
        .body("paths.'/v1/webhooks/shopify/{shopId}'.post.responses", hasKey("401"));
  }
}
