package io.upsell.notifier;

import static io.upsell.notifier.EmailDeliveryTest.part;
import static io.upsell.notifier.support.Fixtures.RECORDS;
import static io.upsell.notifier.support.Fixtures.mailTo;
import static io.upsell.notifier.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.upsell.notifier.support.Fixtures;
import io.upsell.notifier.support.MailAndHooks;
import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The widget and the emails in a real headless Chromium, with screenshots (target/screenshots; the committed
 * docs/notifier-*.png come from {@code ./mvnw -B -pl notifier verify -Dnotifier.screenshots=../docs}).
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
@QuarkusTestResource(MailAndHooks.class)
class WidgetBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  /** Where screenshots go; regenerate the committed ones with {@code -Dnotifier.screenshots=../docs}. */
  private static final Path DOCS = Path.of(System.getProperty("notifier.screenshots", "target/screenshots"));
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SHOP = TestShops.SHOP_A;
  private static Playwright playwright;
  private static Browser browser;

  @TestHTTPResource("/")
  URL base;

  @BeforeAll
  static void launch() throws java.io.IOException {
    Files.createDirectories(DOCS);
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at /usr/bin/chromium: browser tests skipped");
    playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setArgs(List.of(
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
  }

  @AfterAll
  static void close() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
  }

  @Test
  void widgetShowsAPromptAndItsDismissReachesKafka() throws Exception {
    // Given a customer with the demo app open in a browser, the widget connected
    String customer = unique("c");
    String token = InAppTest.mint(customer);
    Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1100, 640));
    page.navigate(base + "inapp-demo.html?token=" + token);
    page.waitForSelector("#upsell-widget[data-connected=true]",
        new Page.WaitForSelectorOptions().setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));

    // When a storage prompt fires for them
    Fixtures.send(Fixtures.trigger(SHOP, customer, TriggerType.STORAGE_NEAR_FULL, List.of(), ChannelHint.ANY));

    // Then the banner shows it
    var banner = page.waitForSelector(".upsell-banner");
    assertThat(banner.innerText()).contains("Your storage is almost full").contains("See storage options");
    page.screenshot(new Page.ScreenshotOptions().setPath(DOCS.resolve("notifier-widget.png")));

    // And dismissing it publishes DISMISSED and takes the banner away
    page.click(".upsell-dismiss");
    var dismissed = RECORDS.await(Topics.ENGAGEMENT_EVENTS, r -> r.value().getCustomerId().equals(customer)
        && r.value().getType() == EngagementType.DISMISSED, 1, WAIT);
    assertThat(dismissed).hasSize(1);
    assertThat(page.querySelector(".upsell-banner")).isNull();
    page.close();
  }

  @Test
  void emailsRenderInChromiumInEnglishAndArabic() throws Exception {
    catalogItem("demo-mug", "Ceramic mug", "كوب سيراميك", 1299, "mug");
    catalogItem("demo-tea", "Green tea", "شاي أخضر", 550, "tea");
    emailShows("en", "Emma", "notifier-email-en.png", "ltr", "Ceramic mug", "Green tea", "£12.99");
    emailShows("ar", "ليلى", "notifier-email-ar.png", "rtl", "كوب سيراميك", "شاي أخضر", "ليلى");
  }

  /** What the customer sees once Chromium has laid the email out: its text and its writing direction. */
  private void emailShows(String locale, String name, String file, String direction, String... visible)
      throws Exception {
    String customer = unique("c");
    String address = customer + "@example.com";
    Fixtures.profile(SHOP, customer, address, name, locale, true);
    UpsellTrigger trigger = Fixtures.trigger(SHOP, customer, TriggerType.CART_ABANDONED,
        List.of("demo-mug-" + locale, "demo-tea-" + locale), ChannelHint.EMAIL);
    Fixtures.send(trigger);
    String html = part(mailTo(address, 1, WAIT).get(0), "text/html");
    Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(700, 900));
    page.setContent(html);
    page.waitForLoadState();
    assertThat(page.innerText("body")).as("the text Chromium shows").contains(visible);
    assertThat(page.evaluate("getComputedStyle(document.querySelector('[dir]') || document.body).direction"))
        .as("the direction Chromium lays the mail out in").isEqualTo(direction);
    page.screenshot(new Page.ScreenshotOptions().setPath(DOCS.resolve(file)).setFullPage(true));
    page.close();
  }

  /** Products with images the notifier itself serves, so the screenshots show them without network access. */
  private void catalogItem(String id, String english, String arabic, long priceMinor, String image) {
    for (var entry : Map.of("en", english, "ar", arabic).entrySet()) {
      String productId = id + "-" + entry.getKey();
      var product = Product.newBuilder().setShopId(SHOP).setProductId(productId).setEventId(unique("e"))
          .setOccurredAt(Instant.now()).setName(entry.getValue()).setPriceMinor(priceMinor).setCurrency("GBP")
          .setKind(io.upsell.schemas.catalog.ProductKind.PRODUCT)
          .setImageUrl(base + "demo/" + image + ".svg").setUrl("https://shop.example/p/" + id).build();
      RECORDS.send(Topics.CATALOG_PRODUCTS, Keys.product(SHOP, productId), product, System.currentTimeMillis());
    }
  }
}
