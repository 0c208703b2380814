package io.upsell.notifier;

import static io.restassured.RestAssured.given;
import static io.upsell.notifier.support.Fixtures.mailTo;
import static io.upsell.notifier.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.upsell.notifier.template.MessageComposer;
import io.upsell.notifier.support.Fixtures;
import io.upsell.notifier.support.MailAndHooks;
import io.upsell.notifier.template.Renderer;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each shop shapes its own copy and brand; hostile or broken templates are refused with where and why. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
@QuarkusTestResource(MailAndHooks.class)
class ShopCopyTest {

  private static final String A = "/v1/shops/" + TestShops.SHOP_A;
  private static final String KEY_A = TestShops.bearer(TestShops.SHOP_A_KEY);

  @Inject
  MessageComposer composer;
  @Inject
  Renderer renderer;

  @Test
  void aShopsTemplateShowsInTheNextEmailWithinFiveSeconds_andTheBuiltInCopyAfterItIsDeleted() throws Exception {
    // Given a shop's own English win-back email
    String template = A + "/templates/WIN_BACK/email/en";
    given().header("Authorization", KEY_A).contentType("application/json")
        .body("{\"subject\":\"{customer.name}, {offer.discount} off is waiting\","
            + "\"body\":[\"Use {offer.code} before it goes.\"],\"button\":\"Come back\"}")
        .put(template).then().statusCode(200);
    given().header("Authorization", KEY_A).get(template).then().statusCode(200)
        .body("button", equalTo("Come back"));
    long stored = System.nanoTime();

    // When the next win-back trigger is emailed
    String customer = unique("c");
    Fixtures.profile(TestShops.SHOP_A, customer, customer + "@example.com", "Noor", "en", true);
    Fixtures.send(Fixtures.trigger(TestShops.SHOP_A, customer, TriggerType.WIN_BACK, List.of(), ChannelHint.EMAIL));

    // Then it speaks the shop's words, variables filled in, and the built-in rest
    MimeMessage mail = mailTo(customer + "@example.com", 1, Duration.ofSeconds(30)).get(0);
    assertThat(mail.getSubject()).isEqualTo("Noor, 10% off is waiting");
    String html = EmailDeliveryTest.part(mail, "text/html");
    assertThat(html).contains("Use SAVE10 before it goes.").contains("Come back").contains("Hi Noor,")
        .doesNotContain("We have not seen you in a while");
    assertThat(Duration.ofNanos(System.nanoTime() - stored)).isLessThan(Duration.ofSeconds(5));

    // And once deleted, the built-in copy speaks again
    given().header("Authorization", KEY_A).delete(template).then().statusCode(204);
    given().header("Authorization", KEY_A).get(template).then().statusCode(404);
    assertThat(subject(TriggerType.WIN_BACK, "en")).isEqualTo("It has been a while: here is what is new at Shop A");
  }

  @Test
  void aLocaleTheShopHasNoCopyForFallsBackToEnglish_whileALanguageItWroteIsUsed() {
    given().header("Authorization", KEY_A).contentType("application/json")
        .body("{\"subject\":\"Votre panier vous attend\"}").put(A + "/templates/CART_ABANDONED/email/fr")
        .then().statusCode(200);

    try {
      assertThat(subject(TriggerType.CART_ABANDONED, "fr-CA")).isEqualTo("Votre panier vous attend");
      assertThat(subject(TriggerType.CART_ABANDONED, "de")).isEqualTo("You left something in your cart at Shop A");
      assertThat(subject(TriggerType.CART_ABANDONED, "ar")).contains("سلتك");
    } finally {
      given().header("Authorization", KEY_A).delete(A + "/templates/CART_ABANDONED/email/fr").then().statusCode(204);
    }
  }

  @Test
  void aBrokenOrHostileTemplateIsA400NamingThePartLineAndColumn() {
    String url = A + "/templates/CART_ABANDONED/email/en";
    put(url, "{\"subject\":\"ok\",\"body\":[\"fine\",\"line one\\n  {offer.cod}\"]}")
        .then().statusCode(400).body("fields[0].field", equalTo("body[1]"))
        .body("fields[0].reason", startsWith("line 2, column 3")).body("fields[0].reason", containsString("offer.cod"));
    put(url, "{\"title\":\"{#if offer.code}open\"}").then().statusCode(400)
        .body("fields[0].field", equalTo("title")).body("fields[0].reason", startsWith("line 1"));
    put(url, "{\"title\":\"{#include /etc/passwd /}\"}").then().statusCode(400);
    put(url, "{\"title\":\"{shop.name.getClass()}\"}").then().statusCode(400)
        .body("fields[0].reason", containsString("cannot call methods"));
    put(url, "{\"title\":\"{#for i in 100000000}x{/for}\"}").then().statusCode(400);
    given().header("Authorization", KEY_A).get(url).then().statusCode(404);
  }

  @Test
  void badPathsAndBrandsAreA400NamingTheField() {
    put(A + "/templates/NOT_A_TYPE/email/en", "{}").then().statusCode(400)
        .body("fields[0].field", equalTo("triggerType"));
    put(A + "/templates/WIN_BACK/fax/en", "{}").then().statusCode(400).body("fields[0].field", equalTo("channel"));
    put(A + "/templates/WIN_BACK/email/1", "{}").then().statusCode(400).body("fields[0].field", equalTo("locale"));
    put(A + "/brand", "{\"primaryColour\":\"red\"}").then().statusCode(400)
        .body("fields[0].field", equalTo("primaryColour"));
    put(A + "/brand", "{\"logoUrl\":\"http://insecure.example/logo.png\"}").then().statusCode(400)
        .body("fields[0].field", equalTo("logoUrl"));
    put(A + "/brand", "{\"replyTo\":\"a@b.c\\r\\nBcc: x@evil.example\"}").then().statusCode(400)
        .body("fields[0].field", equalTo("replyTo"));
    put(A + "/brand", "{\"senderName\":\"Shop \\\"A\\\" <x@evil.example>\"}").then().statusCode(400)
        .body("fields[0].field", equalTo("senderName"));
  }

  @Test
  void anotherShopsTemplatesAndBrandAreForbidden() {
    String shopB = "/v1/shops/" + TestShops.SHOP_B;
    put(shopB + "/templates/WIN_BACK/email/en", "{\"subject\":\"x\"}").then().statusCode(403);
    given().header("Authorization", KEY_A).get(shopB + "/templates/WIN_BACK/email/en").then().statusCode(403);
    given().header("Authorization", KEY_A).get(shopB + "/brand").then().statusCode(403);
    given().get(A + "/brand").then().statusCode(401);
  }

  @Test
  void aBrandShowsInTheEmail_andAPreviewRendersHtmlAndTextWithSampleOrGivenData() {
    try {
      brandAndPreview();
    } finally {
      // other tests of this app read shop A's mail in the built-in copy and look
      put(A + "/brand", "{}").then().statusCode(200);
      given().header("Authorization", KEY_A).delete(A + "/templates/CART_ABANDONED/email/ar").then().statusCode(204);
    }
  }

  private void brandAndPreview() {
    put(A + "/brand", "{\"senderName\":\"Shop A Team\",\"primaryColour\":\"#aa3300\","
        + "\"logoUrl\":\"https://cdn.shop.example.com/logo.png\",\"footer\":\"Shop A Ltd, 1 High St, London\"}")
        .then().statusCode(200);

    var email = renderer.email(composer.compose(Fixtures.trigger(TestShops.SHOP_A, unique("c"),
        TriggerType.WIN_BACK, List.of(), ChannelHint.EMAIL), Optional.of(Fixtures.profileRecord(TestShops.SHOP_A,
        "c", "c@example.com", "Sam", "en", true)), DeliveryChannel.EMAIL));
    assertThat(email.senderName()).isEqualTo("Shop A Team");
    assertThat(email.html()).contains("#aa3300").contains("https://cdn.shop.example.com/logo.png")
        .contains("Shop A Ltd, 1 High St, London");

    String preview = A + "/templates/CART_ABANDONED/email/ar/preview";
    put(preview.replace("/preview", ""), "{\"subject\":\"سلتك يا {customer.name}\"}").then().statusCode(200);
    given().header("Authorization", KEY_A).contentType("application/json").body("{}").post(preview)
        .then().statusCode(200).body("subject", equalTo("سلتك يا Sam")).body("html", containsString("dir=\"rtl\""))
        .body("text", containsString("Ceramic mug"));
    given().header("Authorization", KEY_A).contentType("application/json")
        .body("{\"data\":{\"customer\":{\"name\":\"<b>Huda</b>\"}}}").post(preview)
        .then().statusCode(200).body("subject", equalTo("سلتك يا <b>Huda</b>"))
        .body("html", containsString("&lt;b&gt;Huda&lt;/b&gt;"));
    given().header("Authorization", KEY_A).contentType("application/json")
        .body("{\"data\":{\"customer\":{\"password\":\"x\"}}}").post(preview)
        .then().statusCode(400).body("fields[0].field", equalTo("data.customer.password"));
  }

  private String subject(TriggerType type, String locale) {
    UpsellTrigger trigger = Fixtures.trigger(TestShops.SHOP_A, unique("c"), type, List.of(), ChannelHint.EMAIL);
    var profile = Fixtures.profileRecord(TestShops.SHOP_A, "c", "c@example.com", "Sam", locale, true);
    return renderer.email(composer.compose(trigger, Optional.of(profile), DeliveryChannel.EMAIL)).subject();
  }

  private static io.restassured.response.Response put(String url, String body) {
    return given().header("Authorization", KEY_A).contentType("application/json").body(body).put(url);
  }
}
