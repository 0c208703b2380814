package io.upsell.analytics.retail;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.upsell.analytics.retail.OnlineRetail.Line;
import io.upsell.testkit.BulkProducer;
import io.upsell.schemas.shop.OrderCancelled;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestKafka;
import io.upsell.testkit.TestShops;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every order line of December 2010 replayed through the real pipeline (test broker, the running Streams app, the
 * KPI API) gives, for every day, the gross, refunds, net, orders, customers and AOV computed here straight from
 * the CSV lines — to the penny.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class OnlineRetailReplayTest {

  private static final String SHOP = TestShops.SHOP_A;
  private static List<Line> lines;
  private static boolean replayed;

  /** A day's figures computed from the lines, without the pipeline's code. */
  static final class Expected {
    long gross;
    long refunds;
    final Set<String> orders = new HashSet<>();
    final Set<String> customers = new HashSet<>();

    long aov() {
      return BigDecimal.valueOf(gross).divide(BigDecimal.valueOf(orders.size()), 0, RoundingMode.HALF_UP).longValue();
    }
  }

  @BeforeAll
  static void readCsv() {
    lines = OnlineRetail.read(OnlineRetail.file());
  }

  @Test
  void everyDailyFigureEqualsTheCsvToThePenny() {
    Map<LocalDate, Expected> expected = expected();
    replayOnce();
    awaitMonthTotals(expected);

    JsonPath answer = kpis("day", "application/json");
    assertThat(answer.getString("timeZone")).isEqualTo("Europe/London");
    assertThat(answer.getString("currency")).isEqualTo("GBP");
    List<Map<String, Object>> series = answer.getList("series");
    assertThat(series).hasSize(31);
    for (Map<String, Object> row : series) {
      LocalDate day = LocalDate.parse((String) row.get("start"));
      Expected e = expected.getOrDefault(day, new Expected());
      assertThat(number(row, "grossRevenueMinor")).as("gross %s", day).isEqualTo(e.gross);
      assertThat(number(row, "refundsMinor")).as("refunds %s", day).isEqualTo(e.refunds);
      assertThat(number(row, "netRevenueMinor")).as("net %s", day).isEqualTo(e.gross - e.refunds);
      assertThat(number(row, "orders")).as("orders %s", day).isEqualTo(e.orders.size());
      assertThat(number(row, "customers")).as("customers %s", day).isEqualTo(e.customers.size());
      if (e.orders.isEmpty()) {
        assertThat(row.get("aovMinor")).as("aov %s", day).isNull();
      } else {
        assertThat(number(row, "aovMinor")).as("aov %s", day).isEqualTo(e.aov());
      }
    }
  }

  @Test
  void theSameSeriesComesAsCsvWithOneRowPerDay() {
    Map<LocalDate, Expected> expected = expected();
    replayOnce();
    awaitMonthTotals(expected);

    String csv = given().header("Authorization", TestShops.bearer(TestShops.SHOP_A_KEY)).accept("text/csv")
        .queryParam("from", "2010-12-01").queryParam("to", "2011-01-01").queryParam("granularity", "day")
        .when().get("/v1/shops/{shop}/kpis", SHOP)
        .then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/csv"))
        .extract().asString();
    String[] rows = csv.split("\r\n");
    assertThat(rows).hasSize(32);
    List<String> header = List.of(rows[0].split(","));
    assertThat(header).startsWith("start", "grossRevenueMinor", "refundsMinor", "netRevenueMinor", "orders");
    String[] firstDay = rows[1].split(",");
    assertThat(firstDay[0]).isEqualTo("2010-12-01");
    assertThat(Long.parseLong(firstDay[1])).isEqualTo(expected.get(LocalDate.of(2010, 12, 1)).gross);
  }

  @Test
  void weeklyAndMonthlyDistinctAndNewCustomersEqualTheCsvs() {
    Map<LocalDate, Expected> expected = expected();
    replayOnce();
    awaitMonthTotals(expected);

    for (String granularity : List.of("week", "month")) {
      Map<LocalDate, Set<String>> customers = new TreeMap<>();
      Map<LocalDate, Set<String>> newCustomers = new TreeMap<>();
      Map<String, LocalDate> firstOrder = new HashMap<>();
      for (Line line : lines) {
        if (!line.cancellation() && line.quantity() > 0) {
          firstOrder.merge(line.customer(), line.at().toLocalDate(), (a, b) -> a.isBefore(b) ? a : b);
        }
      }
      firstOrder.forEach((customer, first) -> newCustomers.computeIfAbsent(periodOf(granularity, first),
          p -> new HashSet<>()).add(customer));
      for (Line line : lines) {
        if (!line.cancellation() && line.quantity() > 0) {
          customers.computeIfAbsent(periodOf(granularity, line.at().toLocalDate()), p -> new HashSet<>())
              .add(line.customer());
        }
      }
      List<Map<String, Object>> series = kpis(granularity, "application/json").getList("series");
      // Every period of the range, empty ones (the week after Christmas) included.
      assertThat(series).extracting(row -> LocalDate.parse((String) row.get("start")))
          .containsAll(customers.keySet()).hasSize(granularity.equals("week") ? 5 : 1);
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

  // The week (from Monday) or month a day belongs to, by the calendar, not by the pipeline's period arithmetic.
  private static LocalDate periodOf(String granularity, LocalDate day) {
    return granularity.equals("week") ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
        : day.withDayOfMonth(1);
  }

  private static Map<LocalDate, Expected> expected() {
    Map<LocalDate, Expected> days = new TreeMap<>();
    for (Line line : lines) {
      Expected day = days.computeIfAbsent(line.at().toLocalDate(), d -> new Expected());
      long amount = line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())).movePointRight(2).longValueExact();
      if (line.cancellation()) {
        day.refunds -= amount;
      } else if (line.quantity() > 0) {
        day.gross += amount;
        day.orders.add(line.invoice());
        day.customers.add(line.customerId().isEmpty() ? "guest-" + line.invoice() : line.customerId());
      }
    }
    return days;
  }

  private static synchronized void replayOnce() {
    if (replayed) {
      return;
    }
    try (BulkProducer producer = new BulkProducer(TestKafka.broker().bootstrapServers())) {
      for (OrderEvent event : OnlineRetail.events(SHOP, lines)) {
        String customer = event.getEvent() instanceof OrderPlaced p ? p.getCustomerId()
            : ((OrderCancelled) event.getEvent()).getCustomerId();
        long at = event.getEvent() instanceof OrderPlaced p ? p.getOccurredAt().toEpochMilli()
            : ((OrderCancelled) event.getEvent()).getOccurredAt().toEpochMilli();
        producer.send(Topics.SHOP_ORDERS, Keys.customer(SHOP, customer), event, at);
      }
    }
    replayed = true;
  }

  // The pipeline is asynchronous: wait (bounded) until the month holds every order and refund of the file.
  private static void awaitMonthTotals(Map<LocalDate, Expected> expected) {
    long orders = expected.values().stream().mapToLong(e -> e.orders.size()).sum();
    long refunds = expected.values().stream().mapToLong(e -> e.refunds).sum();
    long deadline = System.nanoTime() + 60_000_000_000L;
    String last = "";
    while (System.nanoTime() < deadline) {
      var response = given().header("Authorization", TestShops.bearer(TestShops.SHOP_A_KEY))
          .queryParam("from", "2010-12-01").queryParam("to", "2011-01-01").queryParam("granularity", "month")
          .when().get("/v1/shops/{shop}/kpis", SHOP);
      last = response.asString();
      // 503 while the Streams app starts and takes its partitions is part of the contract: wait it out.
      if (response.statusCode() == 200 && response.jsonPath().getLong("series[0].orders") == orders
          && response.jsonPath().getLong("series[0].refundsMinor") == refunds) {
        return;
      }
      sleep();
    }
    throw new AssertionError("the pipeline did not count every order within 60 s: " + last);
  }

  private static JsonPath kpis(String granularity, String accept) {
    return given().header("Authorization", TestShops.bearer(TestShops.SHOP_A_KEY)).accept(accept)
        .queryParam("from", "2010-12-01").queryParam("to", "2011-01-01").queryParam("granularity", granularity)
        .when().get("/v1/shops/{shop}/kpis", SHOP)
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
