package io.upsell.analytics.retail;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.upsell.analytics.retail.CsvFigures.Day;
import io.upsell.analytics.retail.CsvFigures.Invoice;
import io.upsell.analytics.retail.OnlineRetail.Line;
import io.upsell.schemas.shop.OrderCancelled;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.testkit.BulkProducer;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestKafka;
import io.upsell.testkit.TestShops;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code online-retail*.csv} of the shared data (December 2010, and whatever months are dropped beside it)
 * replayed through the real pipeline (test broker, the running Streams app, the KPI API) gives, for every day from
 * the first to the last of the data, the gross, refunds, net, orders, customers and AOV that {@link CsvFigures}
 * works out from the CSV lines alone — to the penny. A variant file built here with the full data set's quirks
 * (sub-penny prices, bad-debt adjustments, negative quantities in orders, duplicated lines) matches as well, also
 * when imported twice, the second time under other event ids.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class OnlineRetailReplayTest {

  /** A test shop the lines are replayed into. */
  record Shop(String id, String key, ZoneId zone, String currency) {}

  private static final Shop SHARED = new Shop(TestShops.SHOP_A, TestShops.SHOP_A_KEY, OnlineRetail.ZONE, "GBP");
  // Shop B (its own zone and currency); the variant's days (2000) are none of the demo traffic's.
  private static final Shop VARIANT = new Shop(TestShops.SHOP_B, TestShops.SHOP_B_KEY, ZoneId.of("Asia/Riyadh"),
      "SAR");
  /** Days per query: the API refuses more than 2000 rows. */
  private static final int DAYS_PER_QUERY = 1000;

  private static List<Line> lines;
  private static List<Invoice> invoices;
  private static boolean replayed;

  @BeforeAll
  static void readCsv() {
    lines = OnlineRetail.read(OnlineRetail.files());
    invoices = CsvFigures.invoices(lines);
  }

  @Test
  void everyDailyFigureEqualsTheCsvsToThePenny() {
    replaySharedOnce();
    assertEveryDayMatches(SHARED, invoices);
  }

  @Test
  void aFileWithTheFullDataSetsQuirksImportedTwiceUnderOtherEventIdsStillMatchesToThePenny(@TempDir Path dir) throws IOException {
    List<Line> variant = RetailVariant.of(lines);
    Path file = dir.resolve("online-retail-variant.csv");
    Files.writeString(file, RetailVariant.csv(variant));
    List<Line> read = OnlineRetail.read(List.of(file));
    assertThat(read).as("the variant file reads back line for line").isEqualTo(variant);

    List<Invoice> variantInvoices = CsvFigures.invoices(read);
    replay(VARIANT, read, "");
    // Imported again later by another import run, which names its events anew (ingest could not recognise them
    // anyway): every order and cancellation still counts once.
    replay(VARIANT, read, "reimport-");
    awaitTotals(VARIANT, variantInvoices);
    assertEveryDayMatches(VARIANT, variantInvoices);
  }

  @Test
  void theSameSeriesComesAsCsvWithOneRowPerDay() {
    replaySharedOnce();
    TreeMap<LocalDate, Day> expected = CsvFigures.days(invoices);
    LocalDate first = expected.firstKey();
    LocalDate to = first.plusDays(Math.min(DAYS_PER_QUERY, ChronoUnit.DAYS.between(first, expected.lastKey()) + 1));
    String csv = given().header("Authorization", TestShops.bearer(SHARED.key())).accept("text/csv")
        .queryParam("from", first.toString()).queryParam("to", to.toString()).queryParam("granularity", "day")
        .when().get("/v1/shops/{shop}/kpis", SHARED.id())
        .then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/csv"))
        .extract().asString();
    String[] rows = csv.split("\r\n");
    assertThat(rows).hasSize((int) ChronoUnit.DAYS.between(first, to) + 1);
    assertThat(List.of(rows[0].split(","))).startsWith("start", "grossRevenueMinor", "refundsMinor",
        "netRevenueMinor", "orders");
    for (int i = 1; i < rows.length; i++) {
      String[] row = rows[i].split(",");
      LocalDate day = first.plusDays(i - 1);
      Day e = expected.getOrDefault(day, new Day());
      assertThat(row[0]).isEqualTo(day.toString());
      assertThat(Long.parseLong(row[1])).as("gross %s", day).isEqualTo(e.gross);
      assertThat(Long.parseLong(row[2])).as("refunds %s", day).isEqualTo(e.refunds);
    }
  }

  @Test
  void weeklyAndMonthlyDistinctAndNewCustomersEqualTheCsvs() {
    replaySharedOnce();
    List<Invoice> orders = invoices.stream().filter(i -> !i.cancellation()).toList();
    Map<String, LocalDate> firstOrder = new HashMap<>();
    orders.forEach(o -> firstOrder.merge(o.customer(), o.day(), (a, b) -> a.isBefore(b) ? a : b));
    LocalDate firstDay = orders.stream().map(Invoice::day).min(LocalDate::compareTo).orElseThrow();
    LocalDate lastDay = orders.stream().map(Invoice::day).max(LocalDate::compareTo).orElseThrow();
    for (String granularity : List.of("week", "month")) {
      Map<LocalDate, Set<String>> customers = new TreeMap<>();
      Map<LocalDate, Set<String>> newCustomers = new TreeMap<>();
      firstOrder.forEach((customer, first) -> newCustomers.computeIfAbsent(periodOf(granularity, first),
          p -> new HashSet<>()).add(customer));
      orders.forEach(o -> customers.computeIfAbsent(periodOf(granularity, o.day()), p -> new HashSet<>())
          .add(o.customer()));
      List<Map<String, Object>> series = kpis(SHARED, granularity, firstDay, lastDay.plusDays(1)).getList("series");
      // Every period of the range, empty ones (the week after Christmas 2010) included.
      List<LocalDate> periods = new ArrayList<>();
      for (LocalDate p = periodOf(granularity, firstDay); !p.isAfter(lastDay);
          p = granularity.equals("week") ? p.plusWeeks(1) : p.plusMonths(1)) {
        periods.add(p);
      }
      assertThat(series).extracting(row -> LocalDate.parse((String) row.get("start"))).isEqualTo(periods);
      for (Map<String, Object> row : series) {
        LocalDate start = LocalDate.parse((String) row.get("start"));
        int all = customers.getOrDefault(start, Set.of()).size();
        int fresh = newCustomers.getOrDefault(start, Set.of()).size();
        assertThat(number(row, "customers")).as("%s customers %s", granularity, start).isEqualTo(all);
        assertThat(number(row, "newCustomers")).as("%s new customers %s", granularity, start).isEqualTo(fresh);
        assertThat(number(row, "returningCustomers")).as("%s returning customers %s", granularity, start)
            .isEqualTo(all - fresh);
      }
    }
  }

  /** Every day from the invoices' first to their last: gross, refunds, net, orders, customers and AOV. */
  private static void assertEveryDayMatches(Shop shop, List<Invoice> shopInvoices) {
    TreeMap<LocalDate, Day> expected = CsvFigures.days(shopInvoices);
    List<Map<String, Object>> series = daySeries(shop, expected.firstKey(), expected.lastKey().plusDays(1));
    assertThat(series).hasSize((int) ChronoUnit.DAYS.between(expected.firstKey(), expected.lastKey()) + 1);
    for (Map<String, Object> row : series) {
      LocalDate day = LocalDate.parse((String) row.get("start"));
      Day e = expected.getOrDefault(day, new Day());
      assertThat(number(row, "grossRevenueMinor")).as("gross %s", day).isEqualTo(e.gross);
      assertThat(number(row, "refundsMinor")).as("refunds %s", day).isEqualTo(e.refunds);
      assertThat(number(row, "netRevenueMinor")).as("net %s", day).isEqualTo(e.gross - e.refunds);
      assertThat(number(row, "orders")).as("orders %s", day).isEqualTo(e.orders.size());
      assertThat(number(row, "customers")).as("customers %s", day).isEqualTo(e.customers.size());
      assertThat(row.get("aovMinor") == null ? null : number(row, "aovMinor")).as("aov %s", day)
          .isEqualTo(e.aov());
    }
  }

  // The week (from Monday) or month a day belongs to, by the calendar, not by the pipeline's period arithmetic.
  private static LocalDate periodOf(String granularity, LocalDate day) {
    return granularity.equals("week") ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
        : day.withDayOfMonth(1);
  }

  private static synchronized void replaySharedOnce() {
    if (!replayed) {
      replay(SHARED, lines, "");
      awaitTotals(SHARED, invoices);
      replayed = true;
    }
  }

  private static void replay(Shop shop, List<Line> shopLines, String eventIdPrefix) {
    try (BulkProducer producer = new BulkProducer(TestKafka.broker().bootstrapServers())) {
      for (OrderEvent event : OnlineRetail.events(shop.id(), shop.zone(), shop.currency(), shopLines)) {
        if (event.getEvent() instanceof OrderPlaced placed) {
          placed.setEventId(eventIdPrefix + placed.getEventId());
        } else {
          OrderCancelled cancelled = (OrderCancelled) event.getEvent();
          cancelled.setEventId(eventIdPrefix + cancelled.getEventId());
        }
        producer.send(Topics.SHOP_ORDERS, Keys.customer(shop.id(), OnlineRetail.customerOf(event)), event,
            OnlineRetail.timeOf(event));
      }
    }
  }

  // The pipeline is asynchronous: wait (bounded) until the range holds every order and refund of the lines.
  private static void awaitTotals(Shop shop, List<Invoice> shopInvoices) {
    long orders = shopInvoices.stream().filter(i -> !i.cancellation()).count();
    long refunds = shopInvoices.stream().filter(Invoice::cancellation).mapToLong(Invoice::amountMinor).sum();
    LocalDate from = shopInvoices.stream().map(Invoice::day).min(LocalDate::compareTo).orElseThrow();
    LocalDate to = shopInvoices.stream().map(Invoice::day).max(LocalDate::compareTo).orElseThrow().plusDays(1);
    long deadline = System.nanoTime() + 300_000_000_000L;
    String last = "";
    while (System.nanoTime() < deadline) {
      var response = given().header("Authorization", TestShops.bearer(shop.key()))
          .queryParam("from", from.toString()).queryParam("to", to.toString()).queryParam("granularity", "month")
          .when().get("/v1/shops/{shop}/kpis", shop.id());
      last = response.asString();
      // 503 while the Streams app starts and takes its partitions is part of the contract: wait it out.
      if (response.statusCode() == 200 && sum(response.jsonPath(), "orders") == orders
          && sum(response.jsonPath(), "refundsMinor") == refunds) {
        return;
      }
      sleep();
    }
    throw new AssertionError("the pipeline did not count every order within 300 s: " + last);
  }

  private static long sum(JsonPath answer, String field) {
    return answer.getList("series." + field, Number.class).stream().mapToLong(Number::longValue).sum();
  }

  /** The daily series of [from, to), asked in ranges of at most {@link #DAYS_PER_QUERY} days. */
  private static List<Map<String, Object>> daySeries(Shop shop, LocalDate from, LocalDate to) {
    List<Map<String, Object>> series = new ArrayList<>();
    for (LocalDate start = from; start.isBefore(to); start = start.plusDays(DAYS_PER_QUERY)) {
      LocalDate end = start.plusDays(DAYS_PER_QUERY).isBefore(to) ? start.plusDays(DAYS_PER_QUERY) : to;
      JsonPath answer = kpis(shop, "day", start, end);
      assertThat(answer.getString("timeZone")).isEqualTo(shop.zone().getId());
      assertThat(answer.getString("currency")).isEqualTo(shop.currency());
      series.addAll(answer.getList("series"));
    }
    return series;
  }

  private static JsonPath kpis(Shop shop, String granularity, LocalDate from, LocalDate to) {
    return given().header("Authorization", TestShops.bearer(shop.key())).accept("application/json")
        .queryParam("from", from.toString()).queryParam("to", to.toString()).queryParam("granularity", granularity)
        .when().get("/v1/shops/{shop}/kpis", shop.id())
        .then().statusCode(200).extract().jsonPath();
  }

  private static long number(Map<String, Object> row, String field) {
    return ((Number) row.get(field)).longValue();
  }

  private static void sleep() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
