package io.upsell.analytics.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Download;
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
import io.upsell.analytics.fixtures.ShopsWithArabic;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
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
 * The dashboard in real headless Chromium: it loads, draws its charts (Chart.js) and growth from posted events, follows
 * the dates, downloads its tables as XLSX, shows an order posted after it loaded at its next refresh, and speaks
 * Arabic right to left for a shop whose locale is {@code ar}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
@QuarkusTestResource(value = ShopsWithArabic.class, restrictToAnnotatedClass = true)
class DashboardBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  /**
   * The screenshot goes to target/ on every run; {@code -Dupdate.screenshots=true} refreshes the committed one in
   * docs/ instead, so test runs leave the tree clean.
   */
  private static final Path SCREENSHOT = Boolean.getBoolean("update.screenshots")
      ? Path.of("..", "docs", "analytics-dashboard.png") : Path.of("target", "analytics-dashboard.png");
  private static final Path ARABIC_SCREENSHOT = Path.of("target", "analytics-dashboard-ar.png");
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
    long twoWeeks = DemoTraffic.orders(DemoTraffic.FIRST_DAY, DemoTraffic.FIRST_DAY.plusDays(14));
    // This class starts its own app (one more shop): its stores are rebuilt from the topics, waited for here (bounded).
    Eventually.passes(() -> assertThat(kpis("2025-03-01", "2025-03-15").getList("series.orders", Long.class)
        .stream().mapToLong(Long::longValue).sum()).isEqualTo(twoWeeks));
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

      assertThat(dashboard.textContent("#total-orders")).isEqualTo(Long.toString(twoWeeks));
      JsonPath json = kpis("2025-03-01", "2025-03-15");
      List<Map<String, Object>> series = json.getList("series");
      // The revenue chart: each day's net revenue beside the day before's, in major units, as the API answers them.
      List<List<Number>> revenue = chartData(dashboard, "chart-revenue");
      assertThat(revenue.get(0)).hasSize(14);
      for (int i = 0; i < 14; i++) {
        assertThat(revenue.get(0).get(i).doubleValue())
            .isEqualTo(json.getLong("series[" + i + "].netRevenueMinor") / 100.0);
        assertThat(revenue.get(1).get(i).doubleValue())
            .isEqualTo(json.getLong("series[" + i + "].growth.previousPeriod.netRevenueMinor") / 100.0);
      }
      assertThat(revenue.get(0).stream().mapToDouble(Number::doubleValue).sum()).isPositive();
      assertThat(chartData(dashboard, "chart-orders").get(0).stream().mapToLong(Number::longValue).sum())
          .isEqualTo(twoWeeks);
      assertThat(chartData(dashboard, "chart-aov").get(0)).hasSize(14);
      assertThat(chartData(dashboard, "chart-conversion").get(0)).hasSize(14);
      // Growth: a day's change against the day before, as the KPI answer has it.
      int day = firstDayWithGrowth(series);
      Double rate = json.getDouble("series[" + day + "].growth.previousPeriod.netRevenueChangeRate");
      String shown = dashboard.locator("#growth tbody tr").nth(day).locator("td").nth(3).textContent();
      assertThat(Double.parseDouble(shown.replace("%", "").replace("+", ""))).isCloseTo(rate * 100, within(0.051));
      assertThat(dashboard.locator("#growth tbody tr").count()).isEqualTo(14);
      assertThat(dashboard.locator("#funnel tbody tr").count()).isEqualTo(3);
      assertThat(dashboard.locator("#top-products tbody tr").count()).isPositive();
      assertThat(dashboard.textContent("#attributed-revenue")).isNotEqualTo("–");
      assertThat(dashboard.textContent("#lift-control")).isEqualTo("50.0%");
      dashboard.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOT).setFullPage(true));

      // The XLSX button downloads the KPI table; the workbook holds the same orders and revenue as the page.
      Download download = dashboard.waitForDownload(() -> dashboard.click("#download-kpis-xlsx"));
      assertThat(download.suggestedFilename()).endsWith(".xlsx");
      List<Row> sheet = workbook(download.path());
      List<String> header = sheet.get(0).stream().map(Cell::getText).toList();
      assertThat(sheet).hasSize(15);
      assertThat(sheet.stream().skip(1).mapToLong(r -> r.getCellAsNumber(header.indexOf("orders")).orElseThrow()
          .longValue()).sum()).isEqualTo(twoWeeks);
      assertThat(sheet.get(1).getCellAsNumber(header.indexOf("netRevenue (SAR)")).orElseThrow())
          .isEqualByComparingTo(BigDecimal.valueOf(json.getLong("series[0].netRevenueMinor"), 2));

      show(dashboard, "2025-03-01", "2025-03-07");

      long oneWeek = DemoTraffic.orders(DemoTraffic.FIRST_DAY, DemoTraffic.FIRST_DAY.plusDays(7));
      assertThat(oneWeek).isLessThan(twoWeeks);
      assertThat(dashboard.textContent("#total-orders")).isEqualTo(Long.toString(oneWeek));
      assertThat(chartData(dashboard, "chart-orders").get(0)).hasSize(7);

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

      // A shop whose locale is Arabic: Arabic labels, right to left.
      Page arabic = browser.newPage(new Browser.NewPageOptions().setViewportSize(1400, 1000));
      arabic.navigate(page.toString());
      assertThat(arabic.evaluate("() => getComputedStyle(document.body).direction")).isEqualTo("ltr");
      arabic.fill("#api-key", ShopsWithArabic.KEY);
      arabic.press("#api-key", "Tab");
      arabic.waitForFunction("() => document.documentElement.dir === 'rtl'", null,
          new Page.WaitForFunctionOptions().setTimeout(10_000));
      assertThat(arabic.evaluate("() => getComputedStyle(document.body).direction")).isEqualTo("rtl");
      assertThat(arabic.textContent("h1")).isEqualTo("تحليلات العروض الإضافية");
      assertThat(arabic.textContent("#download-kpis-xlsx")).isEqualTo("تنزيل Excel");
      arabic.screenshot(new Page.ScreenshotOptions().setPath(ARABIC_SCREENSHOT).setFullPage(true));
    }
  }

  private static JsonPath kpis(String from, String toExclusive) {
    return DemoApi.asShopB().queryParam("from", from).queryParam("to", toExclusive)
        .get("/v1/shops/{shop}/kpis", DemoTraffic.SHOP).then().statusCode(200).extract().jsonPath();
  }

  @SuppressWarnings("unchecked")
  private static List<List<Number>> chartData(Page dashboard, String canvas) {
    return (List<List<Number>>) dashboard.evaluate(
        "id => Chart.getChart(id).data.datasets.map(d => d.data.map(v => v === null ? 0 : v))", canvas);
  }

  @SuppressWarnings("unchecked")
  private static int firstDayWithGrowth(List<Map<String, Object>> series) {
    for (int i = 0; i < series.size(); i++) {
      Map<String, Object> before = (Map<String, Object>) ((Map<String, Object>) series.get(i).get("growth"))
          .get("previousPeriod");
      if (before.get("netRevenueChangeRate") != null) {
        return i;
      }
    }
    throw new AssertionError("no day of the demo traffic has a growth rate: " + series);
  }

  private static List<Row> workbook(Path file) {
    try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile())) {
      return workbook.getFirstSheet().read();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
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
