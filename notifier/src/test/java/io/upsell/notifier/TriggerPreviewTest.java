package io.upsell.notifier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.upsell.notifier.support.Fixtures;
import io.upsell.notifier.support.MailAndHooks;
import io.upsell.schemas.serde.AvroJson;
import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.OfferItem;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import io.upsell.notifier.template.MessageComposer;
import io.upsell.notifier.template.Renderer;
import io.upsell.notifier.tracking.Links;
import io.upsell.schemas.notify.DeliveryChannel;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A backtest's trigger rendered by the real composer, sent to nobody. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
@QuarkusTestResource(MailAndHooks.class)
class TriggerPreviewTest {

  @Inject
  MessageComposer composer;
  @Inject
  Renderer renderer;

  private static final String PREVIEW = "/v1/shops/" + TestShops.SHOP_A + "/preview";
  private static final String KEY_A = TestShops.bearer(TestShops.SHOP_A_KEY);

  private static UpsellTrigger winBack(String shop) {
    UpsellTrigger trigger = Fixtures.trigger(shop, Fixtures.unique("c"), TriggerType.WIN_BACK, List.of("mug"),
        ChannelHint.ANY);
    trigger.getOffer().setItems(List.of(OfferItem.newBuilder().setProductId("mug").setName("Blue teapot")
        .setPriceMinor(1299L).build()));
    return trigger;
  }

  @Test
  void rendersARealTriggerInEnglishAndArabic() {
    String trigger = AvroJson.encode(winBack(TestShops.SHOP_A));

    given().header("Authorization", KEY_A).contentType("application/json").body(trigger)
        .post(PREVIEW + "?locale=en").then().statusCode(200)
        .body("language", equalTo("en"))
        .body("subject", equalTo("It has been a while: here is what is new at Shop A"))
        .body("html", allOf(containsString("Blue teapot"), containsString("SAVE10"), containsString("dir=\"ltr\"")))
        .body("text", allOf(containsString("Blue teapot"), containsString("SAVE10")))
        .body("inApp.title", not(equalTo(null))).body("inApp.body", containsString("Blue teapot"));
    given().header("Authorization", KEY_A).contentType("application/json").body(trigger)
        .post(PREVIEW + "?locale=ar").then().statusCode(200)
        .body("language", equalTo("ar"))
        .body("subject", equalTo("افتقدناك منذ مدة: إليك الجديد لدى Shop A"))
        .body("html", allOf(containsString("Blue teapot"), containsString("dir=\"rtl\"")))
        .body("inApp.button", equalTo("اكتشف الجديد"));
  }

  @Test
  void aPreviewsLinksRecordNothing() {
    UpsellTrigger trigger = winBack(TestShops.SHOP_A);
    // As a delivery composes it, the same trigger's email carries signed tracking links ...
    String delivered = renderer.email(composer.compose(trigger, Optional.empty(), DeliveryChannel.EMAIL)).html();
    assertThat(delivered).contains(Links.CLICK_PATH + "?t=", Links.UNSUBSCRIBE_PATH + "?t=",
        Links.NOT_RELEVANT_PATH + "?t=", Links.OPEN_PATH + "?t=");

    // ... its preview none: every link is an anchor in the page.
    String html = given().header("Authorization", KEY_A).contentType("application/json")
        .body(AvroJson.encode(trigger)).post(PREVIEW).then().statusCode(200).extract().path("html");
    String text = given().header("Authorization", KEY_A).contentType("application/json")
        .body(AvroJson.encode(trigger)).post(PREVIEW).then().statusCode(200).extract().path("text");
    for (String rendered : List.of(html, text)) {
      assertThat(rendered).contains(Links.PREVIEW).doesNotContain(Links.CLICK_PATH, Links.OPEN_PATH,
          Links.UNSUBSCRIBE_PATH, Links.NOT_RELEVANT_PATH, "?t=");
    }
  }

  @Test
  void anotherShopsTriggerIsRefused() {
    given().header("Authorization", KEY_A).contentType("application/json")
        .body(AvroJson.encode(winBack(TestShops.SHOP_B))).post(PREVIEW).then().statusCode(403)
        .body("fields[0].field", equalTo("shopId"));
    given().header("Authorization", KEY_A).contentType("application/json")
        .body(AvroJson.encode(winBack(TestShops.SHOP_A))).post("/v1/shops/" + TestShops.SHOP_B + "/preview")
        .then().statusCode(403);
  }

  @Test
  void badInputIsRefusedNamingTheField() {
    String trigger = AvroJson.encode(winBack(TestShops.SHOP_A));

    given().header("Authorization", KEY_A).contentType("application/json")
        .body(trigger.replaceFirst("\"triggerId\":\"[^\"]*\",", "")).post(PREVIEW).then().statusCode(400)
        .body("fields[0].field", equalTo("triggerId"));
    given().header("Authorization", KEY_A).contentType("application/json").body(trigger)
        .post(PREVIEW + "?locale=1x").then().statusCode(400).body("fields[0].field", equalTo("locale"));
    given().header("Authorization", KEY_A).contentType("application/json").body("").post(PREVIEW).then()
        .statusCode(400).body("fields[0].field", equalTo("body"));
  }
}
