package io.upsell.notifier;

import static io.restassured.RestAssured.given;
import static io.upsell.notifier.EmailDeliveryTest.delivered;
import static io.upsell.notifier.support.Fixtures.RECORDS;
import static io.upsell.notifier.support.Fixtures.mailTo;
import static io.upsell.notifier.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.upsell.notifier.inapp.SseHub;
import io.upsell.notifier.support.Fixtures;
import io.upsell.notifier.support.MailAndHooks;
import io.upsell.notifier.support.SseClient;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.DeliveryStatus;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
@QuarkusTestResource(MailAndHooks.class)
class InAppTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SHOP = TestShops.SHOP_A;

  @TestHTTPResource("/")
  URL base;

  @Inject
  SseHub hub;

  private final HttpClient http = HttpClient.newHttpClient();

  static String mint(String customer) {
    return given().header("Authorization", TestShops.bearer(TestShops.SHOP_A_KEY)).contentType("application/json")
        .body("{\"customerId\":\"" + customer + "\"}").post("/v1/inapp/tokens")
        .then().statusCode(200).body("expiresAt", notNullValue()).extract().path("token");
  }

  @Test
  void storagePromptReachesAConnectedStreamAndTheInbox_andNotRelevantReachesKafka() throws Exception {
    // Given a customer with the app open (a live SSE stream)
    String customer = unique("c");
    Fixtures.product(SHOP, "plan-pro", "Pro 1 TB", 999, "GBP");
    String token = mint(customer);
    try (var stream = new SseClient(http, base + "v1/inapp/stream?token=" + token, null)) {
      awaitLive(customer);
      UpsellTrigger trigger = Fixtures.trigger(SHOP, customer, TriggerType.STORAGE_NEAR_FULL, List.of("plan-pro"),
          ChannelHint.ANY);

      // When the engine fires a storage prompt
      Fixtures.send(trigger);

      // Then the stream gets it, and so does the inbox
      var event = stream.next(e -> e.name().equals("message"), WAIT);
      assertThat(event).isNotNull();
      assertThat(event.data()).contains("Your storage is almost full").contains("See storage options")
          .contains("Suggested plan: Pro 1 TB");
      String id = delivered(trigger, DeliveryStatus.SENT).getDeliveryId();
      assertThat(event.data()).contains(id);
      given().header("Authorization", "Bearer " + token).get("/v1/inapp/messages")
          .then().statusCode(200).body("messages.id", hasItem(id));

      // And "not relevant" is a DOWNVOTED engagement naming the offered product
      given().header("Authorization", "Bearer " + token).post("/v1/inapp/messages/" + id + "/not-relevant")
          .then().statusCode(200).body("status", equalTo("DOWNVOTED"));
      var downvote = RECORDS.await(Topics.ENGAGEMENT_EVENTS, r -> r.value().getCustomerId().equals(customer)
          && r.value().getType() == EngagementType.DOWNVOTED, 1, WAIT);
      assertThat(downvote).hasSize(1);
      assertThat(downvote.get(0).value().getProductIds()).containsExactly("plan-pro");
      assertThat(downvote.get(0).value().getDeliveryId()).isEqualTo(id);

      // And a client resuming after the first event gets the status change it missed
      try (var resumed = new SseClient(http, base + "v1/inapp/stream?token=" + token, event.id())) {
        var update = resumed.next(e -> e.name().equals("update") && e.data().contains("DOWNVOTED"), WAIT);
        assertThat(update).isNotNull();
        assertThat(Long.parseLong(update.id())).isGreaterThan(Long.parseLong(event.id()));
      }
    }
  }

  @Test
  void aTokenReadsOnlyItsOwnCustomersMessages() {
    String token = mint(unique("c"));
    given().header("Authorization", "Bearer " + token).queryParam("customerId", "someone-else")
        .get("/v1/inapp/messages").then().statusCode(403).body("fields[0].field", equalTo("customerId"));
    given().get("/v1/inapp/messages").then().statusCode(401);
    given().header("Authorization", "Bearer " + token + "x").get("/v1/inapp/messages").then().statusCode(401);
  }

  @Test
  void tokensAreMintedOnlyWithAShopKeyAndACustomerId() {
    given().contentType("application/json").body("{\"customerId\":\"c-1\"}").post("/v1/inapp/tokens")
        .then().statusCode(401);
    given().header("Authorization", TestShops.bearer(TestShops.SHOP_A_KEY)).contentType("application/json")
        .body("{}").post("/v1/inapp/tokens").then().statusCode(400);
  }

  @Test
  void aTokenRequestNamingCustomerIdTwiceIsRefusedNotGuessed() {
    given().header("Authorization", TestShops.bearer(TestShops.SHOP_A_KEY)).contentType("application/json")
        .body("{\"customerId\":\"c-1\",\"customerId\":\"c-2\"}").post("/v1/inapp/tokens")
        .then().statusCode(400).body("error", equalTo("malformed JSON"))
        .body("fields[0].reason", org.hamcrest.Matchers.containsString("Duplicate field 'customerId'"));
  }

  @Test
  void tokensAreRefusedForCustomerIdsNoEventCouldCarry() {
    for (String customerId : List.of("x".repeat(201), "c-1\\r\\nBcc: x", "   ")) {
      given().header("Authorization", TestShops.bearer(TestShops.SHOP_A_KEY)).contentType("application/json")
          .body("{\"customerId\":\"" + customerId + "\"}").post("/v1/inapp/tokens")
          .then().statusCode(400).body("fields[0].field", equalTo("customerId"));
    }
  }

  @Test
  void anUnseenAppPromptIsEmailedAfterTheWait() throws Exception {
    // Given a consenting customer with no live session
    String customer = unique("c");
    String address = customer + "@example.com";
    Fixtures.profile(SHOP, customer, address, "Noor", "en", true);
    UpsellTrigger trigger = Fixtures.trigger(SHOP, customer, TriggerType.PLAN_LIMIT_HIT, List.of(),
        ChannelHint.ANY);

    // When a plan-limit prompt fires
    Fixtures.send(trigger);

    // Then it goes in-app first, and by email once the wait (2 s in tests) passed unseen
    delivered(trigger, DeliveryStatus.SENT);
    var mail = mailTo(address, 1, WAIT);
    assertThat(mail).hasSize(1);
    assertThat(mail.get(0).getSubject()).isEqualTo("That feature is part of a higher plan");
    var email = RECORDS.await(Topics.NOTIFY_DELIVERIES, r -> r.value().getTriggerId().equals(trigger.getTriggerId())
        && r.value().getChannel() == DeliveryChannel.EMAIL, 1, WAIT);
    assertThat(email).hasSize(1);
    assertThat(email.get(0).value().getStatus()).isEqualTo(DeliveryStatus.SENT);
  }

  private void awaitLive(String customer) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!hub.live(Keys.customer(SHOP, customer)) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(hub.live(Keys.customer(SHOP, customer))).as("stream registered").isTrue();
  }
}
