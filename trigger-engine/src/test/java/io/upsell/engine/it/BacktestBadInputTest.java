package io.upsell.engine.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import org.junit.jupiter.api.Test;

/** A backtest request that cannot run is refused before any job starts, naming the field and why. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class BacktestBadInputTest {

  private static final String KEY = TestShops.bearer(TestShops.SHOP_A_KEY);

  @Test
  void refusesFromAfterTo() {
    start("{\"from\": \"2011-01-01\", \"to\": \"2010-12-01\"}").statusCode(400)
        .body("fields.field", hasItem("to")).body("fields[0].reason", containsString("after from"));
  }

  @Test
  void refusesARangeOverThreeYears() {
    start("{\"from\": \"2008-01-01\", \"to\": \"2011-01-02\"}").statusCode(400)
        .body("fields.field", hasItem("to")).body("fields[0].reason", containsString("at most 3 years"));
    start("{\"from\": \"2008-01-01\", \"to\": \"2011-01-01\"}").statusCode(202);
  }

  @Test
  void refusesAnUnknownShop() {
    start("{\"shopId\": \"no-such-shop\", \"from\": \"2010-12-01\", \"to\": \"2011-01-01\"}").statusCode(400)
        .body("fields.field", hasItem("shopId"));
  }

  @Test
  void aShopCannotBacktestAnother() {
    start("{\"shopId\": \"" + TestShops.SHOP_B + "\", \"from\": \"2010-12-01\", \"to\": \"2011-01-01\"}")
        .statusCode(403).body("fields.field", hasItem("shopId"));
  }

  @Test
  void refusesAnUnknownTriggerTypeInTheRules() {
    start("{\"from\": \"2010-12-01\", \"to\": \"2011-01-01\", \"rules\": {\"enabledTriggers\": [\"FLASH_MOB\"]}}")
        .statusCode(400).body("fields[0].reason", containsString("unknown trigger type 'FLASH_MOB'"));
  }

  @Test
  void refusesRulesThatDoNotValidate() {
    start("{\"from\": \"2010-12-01\", \"to\": \"2011-01-01\","
        + " \"rules\": {\"settings\": {\"CART_ABANDONED.delayMinutes\": \"soon\"}}}")
        .statusCode(400).body("fields.field", hasItem("settings.CART_ABANDONED.delayMinutes"));
  }

  @Test
  void refusesADateThatIsNotOne() {
    start("{\"from\": \"2010-13-01\", \"to\": \"2011-01-01\"}").statusCode(400).body("fields.field", hasItem("from"));
  }

  private static ValidatableResponse start(String body) {
    return given().header("Authorization", KEY).contentType(ContentType.JSON).body(body).post("/v1/backtests").then();
  }
}
