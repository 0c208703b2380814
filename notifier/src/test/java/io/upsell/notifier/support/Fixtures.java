package io.upsell.notifier.support;

import com.icegreen.greenmail.util.GreenMail;
import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.catalog.ProductKind;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.Offer;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.testkit.TestKafka;
import io.upsell.testkit.TopicRecords;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Records the tests put on the broker, and the mail they read back from GreenMail. */
public final class Fixtures {

  public static final TopicRecords RECORDS = new TopicRecords(TestKafka.broker(), EventSerdes.singleObject());

  private Fixtures() {}

  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static void profile(String shop, String customer, String email, String name, String locale,
      boolean consent) {
    RECORDS.send(Topics.CRM_CUSTOMERS, Keys.customer(shop, customer),
        profileRecord(shop, customer, email, name, locale, consent), System.currentTimeMillis());
  }

  public static CustomerProfile profileRecord(String shop, String customer, String email, String name,
      String locale, boolean consent) {
    return CustomerProfile.newBuilder().setShopId(shop).setCustomerId(customer).setEventId(unique("p"))
        .setOccurredAt(Instant.now()).setEmail(email).setName(name).setLocale(locale).setTimeZone("UTC")
        .setMarketingConsent(consent).build();
  }

  public static void product(String shop, String id, String name, long priceMinor, String currency) {
    var product = Product.newBuilder().setShopId(shop).setProductId(id).setEventId(unique("e"))
        .setOccurredAt(Instant.now()).setName(name).setPriceMinor(priceMinor).setCurrency(currency)
        .setKind(ProductKind.PRODUCT)
        .setImageUrl("https://img.example/" + id + ".jpg").setUrl("https://shop.example/p/" + id).build();
    RECORDS.send(Topics.CATALOG_PRODUCTS, Keys.product(shop, id), product, System.currentTimeMillis());
  }

  /** Where every fixture offer leads: the page the engine decided, on the shop's own domain. */
  public static final String OFFER_URL = "https://shop.example.com/offer";

  public static UpsellTrigger trigger(String shop, String customer, TriggerType type, List<String> products,
      ChannelHint hint) {
    var offer = Offer.newBuilder().setProductIds(products).setDiscountPercent(10).setCouponCode("SAVE10")
        .setPlan(type == TriggerType.STORAGE_NEAR_FULL ? "Pro 1 TB" : null).setUrl(OFFER_URL).build();
    return UpsellTrigger.newBuilder().setShopId(shop).setCustomerId(customer).setTriggerId(unique("t"))
        .setType(type).setReason("test").setOffer(offer).setChannelHint(hint).setVariant("B")
        .setFiredAt(Instant.now()).build();
  }

  public static void send(UpsellTrigger trigger) {
    RECORDS.send(Topics.UPSELL_TRIGGERS, Keys.customer(trigger.getShopId(), trigger.getCustomerId()), trigger,
        System.currentTimeMillis());
  }

  /** Mail GreenMail received for {@code address}, waiting until {@code count} arrived or the timeout passed. */
  public static List<MimeMessage> mailTo(String address, int count, Duration timeout) throws InterruptedException {
    return mailTo(MailAndHooks.greenMail, address, count, timeout);
  }

  /** Mail {@code greenMail} received for {@code address}, waiting until {@code count} arrived or the timeout passed. */
  public static List<MimeMessage> mailTo(GreenMail greenMail, String address, int count, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<MimeMessage> found = List.of();
    while (System.nanoTime() < deadline) {
      found = Arrays.stream(greenMail.getReceivedMessages()).filter(m -> to(m, address)).toList();
      if (found.size() >= count) {
        break;
      }
      Thread.sleep(100);
    }
    return found;
  }

  private static boolean to(MimeMessage message, String address) {
    try {
      return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
          .anyMatch(a -> a.toString().contains(address));
    } catch (MessagingException e) {
      return false;
    }
  }
}
