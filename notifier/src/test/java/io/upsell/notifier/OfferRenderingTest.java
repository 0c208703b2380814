package io.upsell.notifier;

import static io.restassured.RestAssured.given;
import static io.upsell.notifier.support.Fixtures.RECORDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.upsell.notifier.template.MessageComposer;
import io.upsell.notifier.support.Fixtures;
import io.upsell.notifier.support.MailAndHooks;
import io.upsell.notifier.support.RenderedLinks;
import io.upsell.notifier.template.MessageModel;
import io.upsell.notifier.template.Renderer;
import io.upsell.notifier.webhook.WebhookPayload;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.Offer;
import io.upsell.schemas.upsell.OfferItem;
import io.upsell.schemas.upsell.PlanInfo;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.schemas.upsell.UsageInfo;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every channel renders the offer the engine decided, through the composer and renderers the send path uses. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
@QuarkusTestResource(MailAndHooks.class)
class OfferRenderingTest {

  private static final String SHOP = TestShops.SHOP_A;

  @Inject
  MessageComposer composer;
  @Inject
  Renderer renderer;
  @Inject
  WebhookPayload webhook;
  @Inject
  ObjectMapper json;
  @ConfigProperty(name = "notifier.public-base-url")
  String serviceBase;

  @ParameterizedTest
  @ValueSource(strings = {"en-GB", "ar"})
  void aFlashSaleCartReminderShowsTheEventsItemsTheAmountOffTheCodeAndTheDeadlineOnEveryChannel(String locale)
      throws Exception {
    // Given a cart the catalog knows nothing of, at the flash-sale step: £5 off with a code until a deadline
    Instant deadline = Instant.parse("2026-03-14T18:00:00Z");
    var offer = Offer.newBuilder().setProductIds(List.of("x-shirt", "x-socks")).setCurrency("GBP")
        .setDiscountMinor(500L).setCouponCode("FLASH-9K2M").setExpiresAt(deadline)
        .setUrl("https://shop.example.com/cart?id=77")
        .setItems(List.of(item("x-shirt", "Linen shirt", 4500, 2), item("x-socks", "Wool socks", 1299, 1))).build();
    UpsellTrigger trigger = trigger(TriggerType.CART_ABANDONED, offer);
    trigger.setStep(2);
    var profile = Optional.of(profile(locale));

    // When each channel composes its message
    var email = renderer.email(composer.compose(trigger, profile, DeliveryChannel.EMAIL));
    var inApp = renderer.inApp(composer.compose(trigger, profile, DeliveryChannel.IN_APP));
    JsonNode hook = json.readTree(webhook.json(trigger, profile));

    // Then every one names the items with prices, the amount off, the code and the deadline
    Locale customer = Locale.forLanguageTag(locale);
    String shirt = money(4500, customer);
    String total = money(9000, customer);
    String off = money(500, customer);
    String hookBody = hook.path("message").path("body").asText();
    for (String rendered : List.of(email.html(), email.text(), inApp.body(), hookBody)) {
      assertThat(rendered).contains("Linen shirt", "Wool socks", shirt, money(1299, customer), off, "FLASH-9K2M");
      assertThat(rendered).contains(locale.equals("ar") ? "مارس" : "14 March 2026");
    }
    assertThat(email.html()).contains(total).contains(locale.equals("ar") ? "dir=\"rtl\"" : "dir=\"ltr\"");
    // And the button leads, through click tracking, to the cart page the engine decided
    assertThat(clickTarget(email.html())).isEqualTo("https://shop.example.com/cart?id=77");
    assertThat(hook.path("message").path("target").asText()).isEqualTo("https://shop.example.com/cart?id=77");
    assertThat(hook.path("offer").path("items").get(0).path("priceMinor").asLong()).isEqualTo(4500);
    assertThat(hook.path("offer").path("couponCode").asText()).isEqualTo("FLASH-9K2M");
    RenderedLinks.onlyTrackingLinksTo(serviceBase, email.html());
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "ar"})
  void theStoragePromptNamesTheOfferedPlanItsPriceTheDifferenceAndTheUsage(String locale) {
    // Given 86 of 100 GB used on basic, with pro offered
    var offer = Offer.newBuilder().setCurrentPlan(plan("basic", "Basic", 500, 100))
        .setOfferedPlan(plan("pro", "Pro", 1500, 1000)).setUrl("https://shop.example.com/account/billing")
        .setUsage(UsageInfo.newBuilder().setResource("storage").setUsedUnits(86).setQuotaUnits(100).setUnit("GB")
            .build()).build();
    UpsellTrigger trigger = trigger(TriggerType.STORAGE_NEAR_FULL, offer);
    var profile = Optional.of(profile(locale));

    var email = renderer.email(composer.compose(trigger, profile, DeliveryChannel.EMAIL));
    var inApp = renderer.inApp(composer.compose(trigger, profile, DeliveryChannel.IN_APP));

    Locale customer = Locale.forLanguageTag(locale);
    String used = NumberFormat.getIntegerInstance(customer).format(86);
    String quota = NumberFormat.getIntegerInstance(customer).format(100) + " GB";
    for (String rendered : List.of(email.html(), email.text(), inApp.body())) {
      assertThat(rendered).contains("Pro", "Basic", money(1500, customer), money(1000, customer), used, quota);
    }
    assertThat(email.html()).contains(NumberFormat.getIntegerInstance(customer).format(1000) + " GB");
  }

  @Test
  void anOfferWithNoUrlOnAShopWithoutAStorefrontHasNoButtonAndNoOtherLinkToOurService() {
    var offer = Offer.newBuilder().setItems(List.of(item("x-mug", "Mug", 1299, 1))).setCurrency("GBP").build();
    UpsellTrigger trigger = trigger(TriggerType.CART_ABANDONED, offer);

    MessageModel model = composer.compose(trigger, Optional.of(profile("en")), DeliveryChannel.EMAIL);
    var email = renderer.email(model);

    assertThat(model.target()).isNull();
    assertThat(email.html()).contains("Mug").doesNotContain("/v1/track/click").doesNotContain("Return to your cart");
    assertThat(RenderedLinks.all(email.html())).noneMatch(u -> u.equals(serviceBase) || u.equals(serviceBase + "/"));
    RenderedLinks.onlyTrackingLinksTo(serviceBase, email.html());
  }

  @Test
  void theNotRelevantLinkAsksFirstThenRecordsADownvoteForTheTriggerAndThanks() {
    String customer = Fixtures.unique("c");
    var offer = Offer.newBuilder().setProductIds(List.of("plan-pro")).setUrl("https://shop.example.com/billing")
        .build();
    UpsellTrigger trigger = trigger(TriggerType.PLAN_LIMIT_HIT, offer);
    trigger.setCustomerId(customer);
    var email = renderer.email(composer.compose(trigger, Optional.of(profile("ar")), DeliveryChannel.EMAIL));
    String link = RenderedLinks.all(email.html()).stream().filter(u -> u.contains("/v1/not-relevant")).findFirst()
        .orElseThrow();
    assertThat(email.html()).contains("غير مهم لي");
    String path = URI.create(link).getRawPath() + "?" + URI.create(link).getRawQuery();

    // A GET (what a mail scanner does) only asks
    given().get(path).then().statusCode(200).body(containsString("dir=\"rtl\"")).body(containsString("method=\"post\""));
    // Confirming records DOWNVOTED with the trigger and its products
    given().post(path).then().statusCode(200).body(containsString("شكرًا لك"));
    var votes = RECORDS.await(Topics.ENGAGEMENT_EVENTS, r -> r.value().getCustomerId().equals(customer)
        && r.value().getType() == EngagementType.DOWNVOTED, 1, Duration.ofSeconds(30));
    assertThat(votes).hasSize(1);
    assertThat(votes.get(0).value().getTriggerId()).isEqualTo(trigger.getTriggerId());
    assertThat(votes.get(0).value().getProductIds()).containsExactly("plan-pro");
    assertThat(RECORDS.readAll(Topics.ENGAGEMENT_EVENTS, r -> r.value().getCustomerId().equals(customer),
        Duration.ofSeconds(1))).hasSize(1);
  }

  private String clickTarget(String html) throws Exception {
    String click = RenderedLinks.all(html).stream().filter(u -> u.contains("/v1/track/click")).findFirst()
        .orElseThrow();
    var answer = given().redirects().follow(false)
        .get(URI.create(click).getRawPath() + "?" + URI.create(click).getRawQuery());
    assertThat(answer.statusCode()).isEqualTo(302);
    return answer.header("Location");
  }

  static String money(long minor, Locale locale) {
    NumberFormat format = NumberFormat.getCurrencyInstance(locale);
    format.setCurrency(Currency.getInstance("GBP"));
    return format.format(BigDecimal.valueOf(minor).movePointLeft(2));
  }

  private static OfferItem item(String id, String name, long price, int quantity) {
    return OfferItem.newBuilder().setProductId(id).setName(name).setPriceMinor(price).setQuantity(quantity).build();
  }

  private static PlanInfo plan(String id, String name, long price, long storage) {
    return PlanInfo.newBuilder().setPlanId(id).setName(name).setPriceMinor(price).setCurrency("GBP")
        .setBillingPeriod("month").setQuotas(Map.of("storage", storage)).setUnits(Map.of("storage", "GB")).build();
  }

  private static UpsellTrigger trigger(TriggerType type, Offer offer) {
    return UpsellTrigger.newBuilder().setShopId(SHOP).setCustomerId(Fixtures.unique("c"))
        .setTriggerId(Fixtures.unique("t")).setType(type).setReason("test").setOffer(offer).setVariant("B")
        .setChannelHint(ChannelHint.ANY)
        .setFiredAt(Instant.now()).build();
  }

  private static CustomerProfile profile(String locale) {
    return Fixtures.profileRecord(SHOP, "c", "c@example.com", "Sam", locale, true);
  }
}
