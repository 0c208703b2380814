package io.upsell.notifier;

import static io.restassured.RestAssured.given;
import static io.upsell.notifier.support.Fixtures.RECORDS;
import static io.upsell.notifier.support.Fixtures.mailTo;
import static io.upsell.notifier.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.upsell.notifier.support.Fixtures;
import io.upsell.notifier.support.MailAndHooks;
import io.upsell.notifier.support.SmtpGate;
import io.upsell.schemas.notify.Delivery;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.DeliveryStatus;
import io.upsell.schemas.notify.Engagement;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
@QuarkusTestResource(MailAndHooks.class)
class EmailDeliveryTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  /** Longer than a few tries × quarkus.mailer.timeout (10 s in tests) plus backoff: slow tries cannot outlast it. */
  private static final Duration RETRIES_WAIT = Duration.ofSeconds(90);
  static final String SHOP = TestShops.SHOP_A;

  @Test
  void abandonedCartEmailIsInTheCustomersLanguageWithItemsTrackingAndOneClickUnsubscribe() throws Exception {
    // Given an Arabic-speaking customer who consented, and two products in the catalog
    String customer = unique("c");
    String address = customer + "@example.com";
    Fixtures.profile(SHOP, customer, address, "ليلى", "ar-SA", true);
    Fixtures.product(SHOP, "p-mug", "كوب سيراميك", 1299, "GBP");
    Fixtures.product(SHOP, "p-tea", "شاي أخضر", 550, "GBP");
    UpsellTrigger trigger = Fixtures.trigger(SHOP, customer, TriggerType.CART_ABANDONED,
        List.of("p-mug", "p-tea"), ChannelHint.ANY);

    // When the engine fires an abandoned-cart trigger
    Fixtures.send(trigger);

    // Then exactly one Arabic email with the items, offer and tracking arrives
    MimeMessage mail = mailTo(address, 1, WAIT).get(0);
    String html = part(mail, "text/html");
    String text = part(mail, "text/plain");
    assertThat(mail.getSubject()).contains("سلتك").contains("Shop A");
    assertThat(html).contains("dir=\"rtl\"").contains("lang=\"ar\"").contains("ليلى")
        .contains("كوب سيراميك").contains("شاي أخضر").contains("SAVE10").contains("العودة إلى سلتك")
        .contains("https://img.example/p-mug.jpg");
    assertThat(text).contains("كوب سيراميك").contains("/v1/track/click?t=");
    Delivery delivery = delivered(trigger, DeliveryStatus.SENT);
    assertThat(delivery.getVariant()).isEqualTo("B");
    assertThat(delivery.getTriggerType()).isEqualTo(TriggerType.CART_ABANDONED);
    assertThat(mail.getHeader("Message-ID")[0]).isEqualTo("<" + delivery.getDeliveryId() + "@upsell.local>");
    assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
    String unsubscribe = mail.getHeader("List-Unsubscribe")[0].replaceAll("[<>]", "");
    // And the server's acceptance is the DELIVERED stage of the funnel
    awaitEngagement(customer, EngagementType.DELIVERED, delivery.getDeliveryId());

    // And the click link records CLICKED and redirects only where it was signed for
    given().redirects().follow(false).get(pathOf(link(html, "/v1/track/click")))
        .then().statusCode(302).header("Location", Fixtures.OFFER_URL);
    awaitEngagement(customer, EngagementType.CLICKED, delivery.getDeliveryId());
    // And the open pixel records OPENED
    given().get(pathOf(link(html, "/v1/track/open"))).then().statusCode(200).contentType("image/gif");
    awaitEngagement(customer, EngagementType.OPENED, delivery.getDeliveryId());

    // And the unsubscribe page speaks Arabic, and the one-click POST unsubscribes
    given().get(pathOf(unsubscribe)).then().statusCode(200).body(containsString("dir=\"rtl\""))
        .body(containsString("ألغِ اشتراكي"));
    given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
        .post(pathOf(unsubscribe)).then().statusCode(200).body(containsString("تم إلغاء اشتراكك"));
    awaitEngagement(customer, EngagementType.UNSUBSCRIBED, delivery.getDeliveryId());

    // And the next trigger for that customer is skipped, not mailed
    UpsellTrigger next = Fixtures.trigger(SHOP, customer, TriggerType.WIN_BACK, List.of("p-tea"), ChannelHint.ANY);
    Fixtures.send(next);
    assertThat(delivered(next, DeliveryStatus.SKIPPED).getError()).isEqualTo("unsubscribed");
    assertThat(mailTo(address, 2, Duration.ofSeconds(1))).hasSize(1);
  }

  @Test
  void theCartsSecondReminderHasWordsOfItsOwnInEnglishAndArabic() throws Exception {
    // Given an English and an Arabic customer whose carts are still waiting at the engine's second, scarcity step
    String english = unique("c");
    String arabic = unique("c");
    Fixtures.profile(SHOP, english, english + "@example.com", "Sam", "en", true);
    Fixtures.profile(SHOP, arabic, arabic + "@example.com", "ليلى", "ar", true);
    UpsellTrigger toEnglish = Fixtures.trigger(SHOP, english, TriggerType.CART_ABANDONED, List.of(), ChannelHint.EMAIL);
    UpsellTrigger toArabic = Fixtures.trigger(SHOP, arabic, TriggerType.CART_ABANDONED, List.of(), ChannelHint.EMAIL);
    toEnglish.setStep(2);
    toArabic.setStep(2);

    // When both reminders are sent
    Fixtures.send(toEnglish);
    Fixtures.send(toArabic);

    // Then each reads as the second reminder, not as a copy of the first
    MimeMessage en = mailTo(english + "@example.com", 1, WAIT).get(0);
    assertThat(en.getSubject()).isEqualTo("Your cart at Shop A is still saved, but not for much longer");
    assertThat(part(en, "text/html")).contains("selling quickly").contains("Complete my order")
        .doesNotContain("Your cart is saved.").doesNotContain("Return to your cart");
    assertThat(part(en, "text/plain")).contains("selling quickly").contains("Complete my order");
    MimeMessage ar = mailTo(arabic + "@example.com", 1, WAIT).get(0);
    assertThat(ar.getSubject()).contains("ليس لوقت طويل").contains("Shop A");
    assertThat(part(ar, "text/html")).contains("dir=\"rtl\"").contains("تنفد بسرعة").contains("أكمل طلبي")
        .doesNotContain("العودة إلى سلتك");
  }

  @Test
  void englishCustomerGetsTheEnglishEmailOnce_evenWhenTheTriggerIsRedelivered() throws Exception {
    String customer = unique("c");
    String address = customer + "@example.com";
    Fixtures.profile(SHOP, customer, address, "Sam", "en-GB", true);
    Fixtures.product(SHOP, "p-lens", "Travel lens", 24999, "GBP");
    UpsellTrigger trigger = Fixtures.trigger(SHOP, customer, TriggerType.POST_PURCHASE_CROSS_SELL,
        List.of("p-lens"), ChannelHint.EMAIL);

    Fixtures.send(trigger);
    Fixtures.send(trigger);

    MimeMessage mail = mailTo(address, 1, WAIT).get(0);
    assertThat(part(mail, "text/html")).contains("dir=\"ltr\"").contains("Hi Sam,").contains("Travel lens")
        .contains("£249.99");
    delivered(trigger, DeliveryStatus.SENT);
    List<ConsumerRecord<String, Delivery>> all = RECORDS.readAll(Topics.NOTIFY_DELIVERIES,
        r -> r.value().getTriggerId().equals(trigger.getTriggerId()), Duration.ofSeconds(2));
    assertThat(all).hasSize(1);
    assertThat(mailTo(address, 2, Duration.ofSeconds(1))).hasSize(1);
  }

  @Test
  void deadLettersPermanentRefusal() throws Exception {
    // Given a customer whose mail server refuses the address for good (550)
    String customer = unique("c");
    String address = "bounce-" + customer + "@example.com";
    Fixtures.profile(SHOP, customer, address, "Bo", "en", true);
    UpsellTrigger first = Fixtures.trigger(SHOP, customer, TriggerType.WIN_BACK, List.of(), ChannelHint.EMAIL);

    // When a trigger for them is sent
    Fixtures.send(first);

    // Then it is FAILED as a bounce after one try, dead-lettered, and the address is stopped
    Delivery failed = delivered(first, DeliveryStatus.FAILED);
    assertThat(failed.getError()).startsWith("bounced: SMTP 550").doesNotContain(address);
    assertThat(MailAndHooks.gate.refusalsTo(address)).hasSize(1);
    var dead = RECORDS.await(Topics.NOTIFY_DLQ, r -> r.value().getTriggerId().equals(first.getTriggerId()), 1, WAIT);
    assertThat(dead).hasSize(1);
    assertThat(new String(dead.get(0).headers().lastHeader("error").value())).startsWith("SMTP 550");
    awaitEngagement(customer, EngagementType.BOUNCED, failed.getDeliveryId());
    UpsellTrigger second = Fixtures.trigger(SHOP, customer, TriggerType.WIN_BACK, List.of(), ChannelHint.EMAIL);
    Fixtures.send(second);
    assertThat(delivered(second, DeliveryStatus.SKIPPED).getError()).isEqualTo("address bounced");
  }

  @Test
  void retriesAfterTemporarySmtpFailure() throws Exception {
    // Given a mail server that answers 451 (try again later) to the first two tries for this address
    String customer = unique("c");
    String address = "later-" + customer + "@example.com";
    Fixtures.profile(SHOP, customer, address, "Al", "en", true);
    UpsellTrigger trigger = Fixtures.trigger(SHOP, customer, TriggerType.WIN_BACK, List.of(), ChannelHint.EMAIL);

    // When the trigger is sent
    Fixtures.send(trigger);

    // Then it is tried again until the server takes it: one email, SENT, nothing dead-lettered
    assertThat(delivered(trigger, DeliveryStatus.SENT, RETRIES_WAIT).getError()).isNull();
    assertThat(MailAndHooks.gate.refusalsTo(address)).extracting(SmtpGate.Refusal::reply)
        .containsExactly("451 4.3.0 try again later", "451 4.3.0 try again later");
    assertThat(mailTo(address, 2, Duration.ofSeconds(1))).hasSize(1);
    assertThat(RECORDS.readAll(Topics.NOTIFY_DLQ, r -> r.value().getTriggerId().equals(trigger.getTriggerId()),
        Duration.ofSeconds(1))).isEmpty();
  }

  @Test
  void deadLettersWhenTheOfferExpiresWhileRetrying() {
    // Given a mail server that keeps answering 451, and an offer that ends in two seconds
    String customer = unique("c");
    String address = "busy-" + customer + "@example.com";
    Fixtures.profile(SHOP, customer, address, "Al", "en", true);
    UpsellTrigger trigger = Fixtures.trigger(SHOP, customer, TriggerType.WIN_BACK, List.of(), ChannelHint.EMAIL);
    trigger.getOffer().setExpiresAt(Instant.now().plusSeconds(2));

    // When the trigger is sent
    Fixtures.send(trigger);

    // Then it is retried until the offer expires, then FAILED and dead-lettered with the last answer
    Delivery failed = delivered(trigger, DeliveryStatus.FAILED, RETRIES_WAIT);
    assertThat(failed.getError()).startsWith("offer expired while retrying: SMTP 451");
    assertThat(MailAndHooks.gate.refusalsTo(address).size()).isGreaterThan(1);
    var dead = RECORDS.await(Topics.NOTIFY_DLQ, r -> r.value().getTriggerId().equals(trigger.getTriggerId()), 1,
        RETRIES_WAIT);
    assertThat(dead).hasSize(1);
    assertThat(Integer.parseInt(new String(dead.get(0).headers().lastHeader("error.attempts").value())))
        .isEqualTo(MailAndHooks.gate.refusalsTo(address).size());
  }

  @Test
  void throttlingSlowsInsteadOfFailing() throws Exception {
    // Given a provider that throttles us (421) at the first try for one address
    String throttled = unique("c");
    String other = unique("c");
    String throttledAddress = "throttle-" + throttled + "@example.com";
    Fixtures.profile(SHOP, throttled, throttledAddress, "Tia", "en", true);
    Fixtures.profile(SHOP, other, other + "@example.com", "Oz", "en", true);
    UpsellTrigger first = Fixtures.trigger(SHOP, throttled, TriggerType.WIN_BACK, List.of(), ChannelHint.EMAIL);

    // When that email meets the throttling, and another email is due right after it
    Fixtures.send(first);
    long throttledAt = awaitRefusal(throttledAddress).atMillis();
    UpsellTrigger second = Fixtures.trigger(SHOP, other, TriggerType.WIN_BACK, List.of(), ChannelHint.EMAIL);
    Fixtures.send(second);

    // Then neither fails: both are sent once, and the second waited for the pause (2 s in tests) to end
    delivered(first, DeliveryStatus.SENT, RETRIES_WAIT);
    delivered(second, DeliveryStatus.SENT, RETRIES_WAIT);
    assertThat(mailTo(throttledAddress, 2, Duration.ofSeconds(1))).hasSize(1);
    assertThat(mailTo(other + "@example.com", 2, Duration.ofSeconds(1))).hasSize(1);
    assertThat(MailAndHooks.gate.refusalsTo(other + "@example.com")).isEmpty();
    assertThat(MailAndHooks.gate.passedAt(other + "@example.com")).isGreaterThanOrEqualTo(throttledAt + 1900);
    assertThat(RECORDS.readAll(Topics.NOTIFY_DLQ, r -> r.value().getTriggerId().equals(first.getTriggerId()),
        Duration.ofSeconds(1))).isEmpty();
  }

  private static SmtpGate.Refusal awaitRefusal(String address) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (MailAndHooks.gate.refusalsTo(address).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(MailAndHooks.gate.refusalsTo(address)).as("a refusal to " + address).isNotEmpty();
    return MailAndHooks.gate.refusalsTo(address).get(0);
  }

  @Test
  void sendsWhatTheEngineDecided() throws Exception {
    // Given the engine decided an email for a customer (it holds consent; the notifier's profile copy says none)
    String customer = unique("c");
    String address = customer + "@example.com";
    Fixtures.profile(SHOP, customer, address, "Di", "en", false);
    UpsellTrigger trigger = Fixtures.trigger(SHOP, customer, TriggerType.CART_ABANDONED, List.of(), ChannelHint.EMAIL);

    // When the trigger arrives
    Fixtures.send(trigger);

    // Then the notifier sends it: consent is decided once, by the engine
    delivered(trigger, DeliveryStatus.SENT);
    assertThat(mailTo(address, 1, WAIT)).hasSize(1);
  }

  @Test
  void hardStopAfterDecisionWins() throws Exception {
    // Given an email the engine decided, waiting for a server that answers 451
    String customer = unique("c");
    String address = "busy-" + customer + "@example.com";
    Fixtures.profile(SHOP, customer, address, "Ul", "en", true);
    UpsellTrigger trigger = Fixtures.trigger(SHOP, customer, TriggerType.WIN_BACK, List.of(), ChannelHint.EMAIL);
    Fixtures.send(trigger);
    awaitRefusal(address);

    // When the customer unsubscribes after the decision
    RECORDS.send(Topics.ENGAGEMENT_EVENTS, SHOP + ":" + customer, new Engagement(SHOP, customer, unique("e"),
        "d-other", "t-other", List.of(), EngagementType.UNSUBSCRIBED, DeliveryChannel.EMAIL, Instant.now()),
        System.currentTimeMillis());

    // Then the unsubscribe wins: the send ends SKIPPED, never mailed, not dead-lettered
    assertThat(delivered(trigger, DeliveryStatus.SKIPPED, RETRIES_WAIT).getError()).isEqualTo("unsubscribed");
    assertThat(mailTo(address, 1, Duration.ofSeconds(1))).isEmpty();
    assertThat(RECORDS.readAll(Topics.NOTIFY_DLQ, r -> r.value().getTriggerId().equals(trigger.getTriggerId()),
        Duration.ofSeconds(1))).isEmpty();
  }

  @Test
  void clickRedirectRefusesLinksItDidNotSign() {
    given().redirects().follow(false).queryParam("t", "eyJrIjoiQ0xJQ0siLCJ1IjoiaHR0cHM6Ly9ldmlsLmV4YW1wbGUifQ.AAAA")
        .get("/v1/track/click").then().statusCode(400).body("fields[0].field", org.hamcrest.Matchers.equalTo("t"));
    given().redirects().follow(false).get("/v1/track/click").then().statusCode(400);
  }

  static Delivery delivered(UpsellTrigger trigger, DeliveryStatus status) {
    return delivered(trigger, status, WAIT);
  }

  static Delivery delivered(UpsellTrigger trigger, DeliveryStatus status, Duration wait) {
    var found = RECORDS.await(Topics.NOTIFY_DELIVERIES,
        r -> r.value().getTriggerId().equals(trigger.getTriggerId()), 1, wait);
    assertThat(found).as("a delivery for " + trigger.getTriggerId()).hasSize(1);
    assertThat(found.get(0).value().getStatus()).isEqualTo(status);
    assertThat(found.get(0).key()).isEqualTo(trigger.getShopId() + ":" + trigger.getCustomerId());
    return found.get(0).value();
  }

  static Engagement awaitEngagement(String customer, EngagementType type, String deliveryId) {
    var found = RECORDS.await(Topics.ENGAGEMENT_EVENTS, r -> r.value().getCustomerId().equals(customer)
        && r.value().getType() == type && deliveryId.equals(r.value().getDeliveryId()), 1, WAIT);
    assertThat(found).as(type + " for " + deliveryId).hasSize(1);
    return found.get(0).value();
  }

  static String part(MimeMessage mail, String type) throws Exception {
    return find(mail.getContent(), type);
  }

  private static String find(Object content, String type) throws Exception {
    if (content instanceof MimeMultipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        var body = multipart.getBodyPart(i);
        if (body.isMimeType(type)) {
          return body.getContent().toString();
        }
        String nested = find(body.getContent(), type);
        if (nested != null) {
          return nested;
        }
      }
    }
    return null;
  }

  static String link(String html, String path) {
    Matcher m = Pattern.compile("\"(https?://[^\"]*" + Pattern.quote(path) + "\\?t=[^\"]+)\"").matcher(html);
    assertThat(m.find()).as("a " + path + " link").isTrue();
    return m.group(1).replace("&amp;", "&");
  }

  static String pathOf(String url) {
    URI uri = URI.create(url);
    return uri.getRawPath() + "?" + uri.getRawQuery();
  }
}
