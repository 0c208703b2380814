package io.upsell.notifier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.upsell.notifier.email.EmailChannel;
import io.upsell.notifier.inapp.InAppChannel;
import io.upsell.notifier.inapp.MessageView;
import io.upsell.notifier.support.ContractShops;
import io.upsell.notifier.support.Fixtures;
import io.upsell.notifier.support.MailAndHooks;
import io.upsell.notifier.support.RenderedLinks;
import io.upsell.notifier.webhook.WebhookPayload;
import io.upsell.schemas.upsell.Offer;
import io.upsell.schemas.upsell.PlanInfo;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.testkit.KafkaResource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract with the engine: every trigger the REAL engine topology produced (test-kit's engine-offers.ndjson,
 * every trigger type × variant A/B), fed to the notifier's own email, in-app and webhook code in English and Arabic,
 * shows the offer: its products with prices or its plans with prices, the discount in the shop's currency, the
 * code, the deadline, a button to the shop's domain, and no link to our service but tracking ones. Nothing here
 * builds a trigger by hand.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = ContractShops.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(MailAndHooks.class)
class OfferContractTest {

  private static final String CONTRACT = "/contract/engine-offers.ndjson";
  private static final ZoneId CUSTOMER_ZONE = ZoneId.of("Asia/Riyadh");

  @Inject
  EmailChannel email;
  @Inject
  InAppChannel inApp;
  @Inject
  WebhookPayload webhook;
  @Inject
  ObjectMapper json;
  @ConfigProperty(name = "notifier.public-base-url")
  String serviceBase;

  @TestFactory
  Stream<DynamicTest> everyEngineOfferRendersOnEveryChannelInEnglishAndArabic() throws IOException {
    List<UpsellTrigger> triggers = contract();
    assertThat(triggers).as("engine offers in the contract").hasSizeGreaterThanOrEqualTo(20);
    List<DynamicTest> tests = new ArrayList<>();
    for (UpsellTrigger trigger : triggers) {
      for (String locale : List.of("en", "ar")) {
        String name = trigger.getType() + " step " + trigger.getStep() + " variant " + trigger.getVariant() + " " + locale;
        tests.add(DynamicTest.dynamicTest(name + " email", () -> email(trigger, locale)));
        tests.add(DynamicTest.dynamicTest(name + " in-app", () -> inApp(trigger, locale)));
        tests.add(DynamicTest.dynamicTest(name + " webhook", () -> webhook(trigger, locale)));
      }
    }
    return tests.stream();
  }

  private void email(UpsellTrigger trigger, String locale) {
    var prepared = email.prepare(trigger, profile(trigger, locale));
    for (String rendered : List.of(prepared.email().html(), prepared.email().text())) {
      showsTheOffer(trigger, locale, rendered);
      RenderedLinks.onlyTrackingLinksTo(serviceBase, rendered);
    }
    String click = RenderedLinks.all(prepared.email().html()).stream().filter(u -> u.contains("/v1/track/click"))
        .findFirst().orElseThrow(() -> new AssertionError("no button in " + trigger.getType()));
    var answer = given().redirects().follow(false)
        .get(URI.create(click).getRawPath() + "?" + URI.create(click).getRawQuery());
    assertThat(answer.statusCode()).isEqualTo(302);
    onTheShopsDomain(answer.header("Location"));
    namesAProductOrAPlan(trigger);
  }

  private void inApp(UpsellTrigger trigger, String locale) {
    MessageView view = MessageView.of(inApp.message(trigger, Optional.of(profile(trigger, locale)), false));
    showsTheOffer(trigger, locale, view.title() + "\n" + view.body());
    onTheShopsDomain(view.ctaUrl());
    assertThat(RenderedLinks.all(view.body())).isEmpty();
    namesAProductOrAPlan(trigger);
  }

  private void webhook(UpsellTrigger trigger, String locale) throws IOException {
    String body = webhook.json(trigger, Optional.of(profile(trigger, locale)));
    JsonNode message = json.readTree(body).path("message");
    showsTheOffer(trigger, locale, message.path("title").asText() + "\n" + message.path("body").asText());
    onTheShopsDomain(message.path("target").asText());
    RenderedLinks.onlyTrackingLinksTo(serviceBase, body);
    namesAProductOrAPlan(trigger);
  }

  private static void showsTheOffer(UpsellTrigger trigger, String locale, String rendered) {
    Offer offer = trigger.getOffer();
    Locale customer = Locale.forLanguageTag(locale);
    for (var item : offer.getItems()) {
      assertThat(rendered).contains(item.getName());
      if (item.getPriceMinor() != null) {
        assertThat(rendered).contains(money(item.getPriceMinor(), offer.getCurrency(), customer));
      }
    }
    for (PlanInfo plan : Stream.of(offer.getCurrentPlan(), offer.getOfferedPlan(), offer.getAlternativePlan())
        .filter(p -> p != null).toList()) {
      assertThat(rendered).contains(plan.getName() != null ? plan.getName() : plan.getPlanId());
      if (plan.getPriceMinor() != null) {
        assertThat(rendered).contains(money(plan.getPriceMinor(), plan.getCurrency(), customer));
      }
    }
    if (offer.getUsage() != null) {
      NumberFormat units = NumberFormat.getIntegerInstance(customer);
      assertThat(rendered).contains(units.format(offer.getUsage().getUsedUnits()))
          .contains(units.format(offer.getUsage().getQuotaUnits()));
    }
    if (offer.getDiscountPercent() != null) {
      assertThat(rendered).containsPattern(offer.getDiscountPercent() + "\\s?[%٪]");
    }
    if (offer.getDiscountMinor() != null) {
      assertThat(rendered).contains(money(offer.getDiscountMinor(), offer.getCurrency(), customer));
    }
    if (offer.getCouponCode() != null) {
      assertThat(rendered).contains(offer.getCouponCode());
    }
    if (offer.getExpiresAt() != null) {
      ZonedDateTime deadline = offer.getExpiresAt().atZone(CUSTOMER_ZONE);
      NumberFormat digits = NumberFormat.getIntegerInstance(customer);
      digits.setGroupingUsed(false);
      assertThat(rendered).contains(deadline.getMonth().getDisplayName(TextStyle.FULL, customer))
          .contains(digits.format(deadline.getYear())).contains(digits.format(deadline.getDayOfMonth()));
    }
  }

  /**
   * Checked last, after everything else the offer carries: an offer naming neither a product nor a plan is the
   * engine's gap, reported as skipped with its type rather than passed.
   */
  private static void namesAProductOrAPlan(UpsellTrigger trigger) {
    Offer offer = trigger.getOffer();
    assumeTrue(!offer.getItems().isEmpty() || offer.getOfferedPlan() != null,
        "the engine's " + trigger.getType() + " offer names no product and no plan");
  }

  private static void onTheShopsDomain(String url) {
    assertThat(url).as("the button's target").isNotNull().startsWith(ContractShops.STOREFRONT + "/");
  }

  static String money(long minor, String currency, Locale locale) {
    Currency c = Currency.getInstance(currency);
    NumberFormat format = NumberFormat.getCurrencyInstance(locale);
    format.setCurrency(c);
    return format.format(BigDecimal.valueOf(minor).movePointLeft(c.getDefaultFractionDigits()));
  }

  private static io.upsell.schemas.crm.CustomerProfile profile(UpsellTrigger trigger, String locale) {
    var profile = Fixtures.profileRecord(trigger.getShopId(), trigger.getCustomerId(),
        trigger.getCustomerId() + "@example.com", "Sam", locale, true);
    profile.setTimeZone(CUSTOMER_ZONE.getId());
    return profile;
  }

  private static List<UpsellTrigger> contract() throws IOException {
    // Classes from the test's own loader (Quarkus runs tests in its own), with the timestamp conversions.
    var data = new SpecificData(UpsellTrigger.class.getClassLoader());
    data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    var reader = new SpecificDatumReader<UpsellTrigger>(UpsellTrigger.getClassSchema(),
        UpsellTrigger.getClassSchema(), data);
    List<UpsellTrigger> triggers = new ArrayList<>();
    try (InputStream in = OfferContractTest.class.getResourceAsStream(CONTRACT)) {
      assertThat(in).as(CONTRACT + " from test-kit").isNotNull();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          triggers.add(reader.read(null, DecoderFactory.get().jsonDecoder(UpsellTrigger.getClassSchema(), line)));
        }
      }
    }
    return triggers;
  }
}
