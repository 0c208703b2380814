package io.upsell.ingest;

import static io.upsell.ingest.IngestTestSupport.await;
import static io.upsell.ingest.IngestTestSupport.postJson;
import static io.upsell.ingest.IngestTestSupport.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.topics.Topics;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class SegmentTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void identifyBecomesACustomerProfileAndBasicAuthWithTheWriteKeyWorks() {
    String customer = uniqueId("seg");
    String basic = "Basic " + Base64.getEncoder().encodeToString((TestShops.SHOP_A_KEY + ":")
        .getBytes(StandardCharsets.UTF_8));
    RestAssured.given().header("Authorization", basic).contentType("application/json")
        .body("{\"type\":\"identify\",\"userId\":\"" + customer + "\",\"messageId\":\"" + uniqueId("m")
            + "\",\"traits\":{\"email\":\"x@example.com\",\"firstName\":\"Ada\",\"lastName\":\"L\"},"
            + "\"context\":{\"locale\":\"ar-SA\",\"timezone\":\"Asia/Riyadh\"}}")
        .post("/v1/segment").then().statusCode(202).body("accepted", equalTo(1));
    CustomerProfile profile = await(Topics.CRM_CUSTOMERS, TestShops.SHOP_A + ":" + customer, 1).get(0).value();
    assertThat(profile.getLocale()).isEqualTo("ar");
    assertThat(profile.getTimeZone()).isEqualTo("Asia/Riyadh");
    assertThat(profile.getName()).isEqualTo("Ada L");
  }

  @Test
  void aMappedCallWithoutAnyUserIsRefusedNamingTheField() throws Exception {
    ObjectNode viewed = example("Product Viewed");
    postJson("/v1/segment", viewed.toString()).then().statusCode(400)
        .body("fields[0].field", equalTo("userId"));
  }

  @Test
  void unknownEventsAreAcceptedAsIgnoredNotErrors() {
    postJson("/v1/segment", "{\"type\":\"track\",\"event\":\"Spaceship Launched\",\"userId\":\"u\"}")
        .then().statusCode(202).body("accepted", equalTo(0)).body("ignored", equalTo(1))
        .body("ignoredEvents[0]", equalTo("Spaceship Launched"));
  }

  private static ObjectNode example(String event) throws Exception {
    List<ObjectNode> all = new ArrayList<>(examples("segment/ecommerce_v2_examples.json"));
    all.addAll(examples("segment/b2b_saas_examples.json"));
    return all.stream()
        .filter(e -> e.get("event").asText().equals(event)).findFirst().orElseThrow()
        .deepCopy();
  }

  private static List<ObjectNode> examples(String file) throws Exception {
    List<ObjectNode> list = new ArrayList<>();
    for (JsonNode node : JSON.readTree(IngestTestSupport.read(file))) {
      list.add((ObjectNode) node);
    }
    return list;
  }

}
