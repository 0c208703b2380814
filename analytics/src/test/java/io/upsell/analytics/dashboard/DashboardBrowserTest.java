package io.upsell.analytics.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.upsell.analytics.fixtures.DemoApi;
import io.upsell.analytics.fixtures.DemoTraffic;
import io.upsell.analytics.fixtures.Events;
import io.upsell.analytics.fixtures.Eventually;
import io.upsell.analytics.fixtures.ShopEvents;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in real headless Chromium: it loads, draws its charts from posted events, follows the dates, and
 * shows an order posted after it loaded at its next refresh.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class DashboardBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  /**
   * The screenshot goes to target/ on every run; {@code -Dupdate.screenshots=true} refreshes the committed one in
   * docs/ instead, so test runs leave the tree clean.
   */
  private static final Path SCREENSHOT = Boolean.getBoolean("update.screenshots")
      ? Path.of("..", "docs", "analytics-dashboard.png") : Path.of("target", "analytics-dashboard.png");
  /** The page refreshes every 4 s: a figure the API already counts shows within 5 s. */
  private static final double REFRESH_LIMIT_MS = 5_000;
  /** A week after the demo traffic's: it starts empty, and an order posted there changes no other test's figures. */
  private static final LocalDate LIVE_DAY = LocalDate.of(2025, 6, 3);

  @TestHTTPResource("/")
  URL page;

  @Test
  void chartsShowThePostedEventsAndTheDateRangeChangesTheFigures() {
    assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at /usr/bin/chromium: browser test skipped");
    DemoApi.sendAndAwait();
    try (Playwright playwright = Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
            .setExecutablePath(CHROMIUM).setHeadless(true)
            .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync")))) {
      Page dashboard = browser.newPage(new Browser.NewPageOptions().setViewportSize(1400, 1000));
      dashboard.navigate(page.toString());
      // The picker fills only once a key is entered: the shop list is not public.
      assertThat(dashboard.locator("#shop option").count()).isZero();
      dashboard.fill("#api-key", TestShops.SHOP_B_KEY);
      dashboard.press("#api-key", "Tab");
      dashboard.waitForSelector("#shop option[value='" + DemoTraffic.SHOP + "']",
          new Page.WaitForSelectorOptions().setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
      dashboard.selectOption("#shop", DemoTraffic.SHOP);
      show(dashboard, "2025-03-01", "2025-03-14");

      long twoWeeks = DemoTraffic.orders(DemoTraffic.FIRST_DAY, DemoTraffic.FIRST_DAY.plusDays(14));
      assertThat(dashboard.textContent("#total-orders")).isEqualTo(Long.toString(twoWeeks));
      assertThat(dashboard.locator("#chart-revenue rect.bar").count()).isEqualTo(14);
      assertThat(dashboard.locator("#chart-orders rect.bar").count()).isEqualTo(14);
      assertThat(dashboard.locator("#chart-aov circle.dot").count()).isEqualTo(14);
      assertThat(dashboard.locator("#chart-conversion circle.dot").count()).isEqualTo(14);
      assertThat(dashboard.locator("#funnel tbody tr").count()).isEqualTo(3);
      assertThat(dashboard.locator("#top-products tbody tr").count()).isPositive();
      assertThat(dashboard.textContent("#attributed-revenue")).isNotEqualTo("–");
      assertThat(dashboard.textContent("#lift-control")).isEqualTo("50.0%");
      dashboard.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOT).setFullPage(true));

      show(dashboard, "2025-03-01", "2025-03-07");

      long oneWeek = DemoTraffic.orders(DemoTraffic.FIRST_DAY, DemoTraffic.FIRST_DAY.plusDays(7));
      assertThat(oneWeek).isLessThan(twoWeeks);
      assertThat(dashboard.textContent("#total-orders")).isEqualTo(Long.toString(oneWeek));
      assertThat(dashboard.locator("#chart-orders rect.bar").count()).isEqualTo(7);

      // Live refresh: an order posted while the page shows its week appears without touching the page.
      show(dashboard, LIVE_DAY.minusDays(2).toString(), LIVE_DAY.plusDays(4).toString());
      String before = dashboard.textContent("#total-orders");
      try (ShopEvents events = new ShopEvents(DemoTraffic.SHOP)) {
        Instant at = LIVE_DAY.atTime(11, 0).atZone(ZoneId.of("Asia/Riyadh")).toInstant();
        events.send("live-buyer", at, Events.order(DemoTraffic.SHOP, "live-buyer", "live-1", at, 12_345));
      }
      // The pipeline's part is waited for apart (bounded): what the page is held to is its own refresh.
      Eventually.passes(() -> assertThat(DemoApi.asShopB().queryParam("from", LIVE_DAY.toString())
          .queryParam("to", LIVE_DAY.plusDays(1).toString()).get("/v1/shops/{shop}/kpis", DemoTraffic.SHOP)
          .then().statusCode(200).extract().jsonPath().getLong("series[0].orders")).isEqualTo(1));
      dashboard.waitForFunction("() => document.getElementById('total-orders').textContent === '1'", null,
          new Page.WaitForFunctionOptions().setTimeout(REFRESH_LIMIT_MS).setPollingInterval(100));
      assertThat(before).isEqualTo("0");
    }
  }

  // The page marks <body data-loaded="from/toExclusive/granularity"> when a refresh for that choice completed.
  private static void show(Page dashboard, String from, String toInclusive) {
    dashboard.fill("#from", from);
    dashboard.dispatchEvent("#from", "change");
    dashboard.fill("#to", toInclusive);
    dashboard.dispatchEvent("#to", "change");
    String toExclusive = java.time.LocalDate.parse(toInclusive).plusDays(1).toString();
    dashboard.waitForFunction("expected => document.body.dataset.loaded === expected",
        from + "/" + toExclusive + "/day");
  }
}
