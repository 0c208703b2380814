package io.upsell.testkit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What every service serves besides its own API: health that is UP only with Kafka reachable, Prometheus
 * metrics, and its OpenAPI document. A service's test extends this under {@code @QuarkusTest} with
 * {@link KafkaResource} and {@link TestShops}.
 */
public abstract class ServiceEndpointsContract {

  private static final Duration READY_WITHIN = Duration.ofSeconds(60);

  /** A path of the service's own API that its OpenAPI document must list. */
  protected abstract String documentedPath();

  // Readiness is DOWN while a Streams service restores its state or joins its group, which a loaded machine can
  // stretch past the moment the test starts: it must become ready, within a bound.
  @Test
  void isReadyWithTheBrokerReachable() throws InterruptedException {
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    while (given().when().get("/q/health/ready").statusCode() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(250);
    }
    given().when().get("/q/health/ready")
        .then().statusCode(200).body("status", equalTo("UP"))
        .body(containsString("Kafka connection health check"));
  }

  @Test
  void servesPrometheusMetrics() {
    given().when().get("/q/metrics")
        .then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
  }

  @Test
  void documentsItsApiInOpenApi() {
    given().queryParam("format", "json").when().get("/q/openapi")
        .then().statusCode(200).body(containsString(documentedPath()));
  }

  @Test
  void answersAnUnknownPathWithAJsonError() {
    given().when().get("/no/such/path")
        .then().statusCode(404).body("status", equalTo(404));
  }
}
