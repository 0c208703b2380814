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
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard in real headless Chromium: it loads, draws its charts from posted events, follows the dates. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class DashboardBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path SCREENSHOT = Path.of("..", "docs", "analytics-dashboard.png");

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
