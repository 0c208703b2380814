package io.upsell.deploy.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CLI against a stand-in for the engine's documented backtest API (POST /v1/backtests, GET /v1/backtests/{id});
 * the engine's side is proven by trigger-engine's BacktestOnlineRetailTest.
 */
class BacktestCommandTest {

  private HttpServer engine;
  private final List<String> requests = new ArrayList<>();
  private volatile boolean assumeConsent;
  // What the engine's job says of the estimate when it could not ask analytics, or null when it could.
  private volatile String earningsUnavailable;
  private final AtomicInteger polls = new AtomicInteger();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws IOException {
    engine = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    engine.createContext("/v1/backtests", this::answer);
    engine.start();
  }

  @AfterEach
  void stop() {
    engine.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
        + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
    if (body.contains("\"from\":\"bad\"")) {
      reply(exchange, 400, "{\"status\":400,\"error\":\"invalid request\",\"fields\":[{\"field\":\"from\","
          + "\"reason\":\"must be a date like 2010-12-01 or an ISO instant\"}]}");
    } else if (exchange.getRequestMethod().equals("POST")) {
      assumeConsent = body.contains("\"assumeConsent\":true");
      reply(exchange, 202, "{\"id\":\"b1\",\"status\":\"QUEUED\",\"progress\":0,\"replayed\":0,\"total\":0}");
    } else if (polls.incrementAndGet() == 1) {
      reply(exchange, 200, "{\"id\":\"b1\",\"status\":\"RUNNING\",\"progress\":0,\"replayed\":0,\"total\":0}");
    } else if (polls.get() < 3) {
      reply(exchange, 200, "{\"id\":\"b1\",\"status\":\"RUNNING\",\"progress\":0.5,\"replayed\":50,\"total\":100}");
    } else {
      reply(exchange, 200, "{\"id\":\"b1\",\"shopId\":\"demo\",\"from\":\"2010-12-01T00:00:00Z\","
          + "\"to\":\"2011-01-01T00:00:00Z\",\"assumeConsent\":" + assumeConsent + ",\"status\":\"DONE\",\"progress\":1,\"replayed\":100,\"total\":100,"
          + "\"report\":{\"timeZone\":\"Europe/London\",\"firedByType\":{\"WIN_BACK\":7},"
          + "\"firedByTypeAndDay\":{\"WIN_BACK\":{\"2010-12-03\":7}},"
          + "\"firedByTypeAndVariant\":{\"CART_ABANDONED\":{\"A\":2},\"WIN_BACK\":{\"A\":7}},\"suppressedByReason\":{\"HOLDOUT\":2},"
          + "\"pendingTimers\":4,\"pendingByType\":{\"WIN_BACK\":{\"count\":4,\"firstDue\":\"2011-01-02\","
          + "\"lastDue\":\"2011-01-30\"}}}" + (compare()
          ? ",\"against\":{\"timeZone\":\"Europe/London\",\"firedByType\":{\"WIN_BACK\":7,\"CART_ABANDONED\":3},"
          + "\"firedByTypeAndVariant\":{\"CART_ABANDONED\":{\"A\":3},\"WIN_BACK\":{\"A\":7}},"
          + "\"suppressedByReason\":{\"HOLDOUT\":2,\"FREQUENCY_CAP\":1},\"pendingTimers\":0,\"pendingByType\":{}}"
          : "") + ",\"earnings\":" + earnings() + "}");
    }
  }

  private boolean compare() {
    return requests.get(0).contains("\"against\"");
  }

  // The engine's estimate as its job carries it: CART_ABANDONED A measured (125.5 per send, 40.25 to 210.75), WIN_BACK
  // without holdout data.
  private String earnings() {
    if (earningsUnavailable != null) {
      return "{\"currency\":\"GBP\",\"unavailable\":\"" + earningsUnavailable + "\",\"rows\":[]}";
    }
    String perSend = "{\"minor\":125.5,\"low\":40.25,\"high\":210.75}";
    String none = ",\"perSend\":null,\"total\":null,\"note\":\"no evidence yet\"}";
    return "{\"currency\":\"GBP\",\"liftFrom\":\"2026-11-07\",\"liftTo\":\"2026-12-08\",\"assumption\":\"each send "
        + "earns the measured lift\",\"unavailable\":null,\"rows\":["
        + "{\"type\":\"CART_ABANDONED\",\"variant\":\"A\",\"fired\":2,\"perSend\":" + perSend
        + ",\"total\":{\"minor\":251,\"low\":81,\"high\":422},\"note\":null},"
        + "{\"type\":\"WIN_BACK\",\"variant\":\"A\",\"fired\":7" + none + "]"
        + (compare() ? ",\"against\":[{\"type\":\"CART_ABANDONED\",\"variant\":\"A\",\"fired\":3,\"perSend\":"
        + perSend + ",\"total\":{\"minor\":377,\"low\":121,\"high\":632},\"note\":null},"
        + "{\"type\":\"WIN_BACK\",\"variant\":\"A\",\"fired\":7" + none + "],"
        + "\"difference\":[{\"type\":\"CART_ABANDONED\",\"variant\":\"A\",\"fired\":1,\"perSend\":" + perSend
        + ",\"total\":{\"minor\":126,\"low\":40,\"high\":211},\"note\":null},"
        + "{\"type\":\"WIN_BACK\",\"variant\":\"A\",\"fired\":0" + none + "]" : "") + "}";
  }

  private static void reply(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private int run(String... args) {
    URI stub = URI.create(url());
    return BacktestCommand.run(args, new StackUrls(stub, stub), new PrintStream(out, true),
        new PrintStream(err, true), Path.of("absent.env"));
  }

  private String url() {
    return "http://127.0.0.1:" + engine.getAddress().getPort();
  }

  @Test
  void startsTheReplayShowsProgressAndPrintsTheReport() throws IOException {
    Path rules = Files.createTempFile("rules", ".json");
    Files.writeString(rules, "{\"holdoutPercent\": 10}");

    int exit = run("--shop", "demo", "--from", "2010-12-01", "--to", "2011-01-01", "--rules", rules.toString(),
        "--api-key", "k-123", "--url", url());

    assertThat(exit).isZero();
    assertThat(requests.get(0)).startsWith("POST /v1/backtests Bearer k-123 ")
        .contains("\"shopId\":\"demo\"", "\"from\":\"2010-12-01\"", "\"rules\":{\"holdoutPercent\":10}",
            "\"assumeConsent\":false");
    assertThat(requests.get(1)).startsWith("GET /v1/backtests/b1 Bearer k-123");
    assertThat(err.toString()).contains("counting the records of the range", "]  50%  50/100 records",
        "] 100%  100/100 records").doesNotContain("/0 records");
    assertThat(out.toString()).contains("| WIN_BACK | 7 |", "| WIN_BACK | 2010-12-03 | 7 |", "| HOLDOUT | 2 |",
        "pending at the end of the range: 4",
        "| WIN_BACK | 4 | 2011-01-02 | 2011-01-30 |");
  }

  @Test
  void printsTwoRuleSetsSideBySideWithTheirDifferences() throws IOException {
    Path thirty = Files.createTempFile("cart-30", ".json");
    Files.writeString(thirty, "{\"settings\": {\"CART_ABANDONED.delayMinutes\": \"30\"}}");
    Path sixty = Files.createTempFile("cart-60", ".json");
    Files.writeString(sixty, "{\"settings\": {\"CART_ABANDONED.delayMinutes\": \"60\"}}");

    int exit = run("--shop", "demo", "--from", "2010-12-01", "--to", "2011-01-01", "--rules", thirty.toString(),
        "--against", sixty.toString(), "--api-key", "k", "--url", url());

    assertThat(exit).isZero();
    assertThat(requests.get(0)).contains("\"rules\":{\"settings\":{\"CART_ABANDONED.delayMinutes\":\"30\"}}",
        "\"against\":{\"settings\":{\"CART_ABANDONED.delayMinutes\":\"60\"}}");
    assertThat(out.toString()).contains("A = " + thirty, "B = " + sixty, "| would have fired | A | B | B - A |",
        "| CART_ABANDONED | 0 | 3 | +3 |", "| WIN_BACK | 7 | 7 | +0 |", "| FREQUENCY_CAP | 0 | 1 | +1 |",
        "| WIN_BACK | 4 | 0 | -4 |");
  }

  @Test
  void printsWhatTheSendsWouldHaveEarnedAsTheEngineEstimatedIt() {
    int exit = run("--shop", "demo", "--from", "2010-12-01", "--to", "2011-01-01", "--api-key", "k-9");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("in GBP minor units. Assumption: each send earns the measured lift",
        "| CART_ABANDONED | A | 2 | 126 | 251 | 81 to 422 |", "| WIN_BACK | A | 7 | no evidence yet | | |");
    assertThat(out.toString().indexOf("Assumption")).isLessThan(out.toString().indexOf("| would have earned |"));
  }

  @Test
  void comparesWhatTheTwoRuleSetsWouldHaveEarned() throws IOException {
    Path other = Files.createTempFile("other", ".json");
    Files.writeString(other, "{}");

    int exit = run("--shop", "demo", "--from", "2010-12-01", "--to", "2011-01-01", "--against", other.toString(),
        "--api-key", "k");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("| CART_ABANDONED | A | 251 (81 to 422) | 377 (121 to 632) | 126 (40 to 211) |");
  }

  @Test
  void withoutAnalyticsTheCountsStandAndTheReportSaysWhy() {
    earningsUnavailable = "analytics at http://127.0.0.1:1 cannot be reached (connection refused)";

    int exit = run("--shop", "demo", "--from", "2010-12-01", "--to", "2011-01-01", "--api-key", "k");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("| WIN_BACK | 7 |",
        "What it would have earned: not estimated, analytics at http://127.0.0.1:1 cannot be reached");
  }

  @Test
  void aRulesFileThatIsNotJsonIsNamedAndExitsTwo() throws IOException {
    Path broken = Files.createTempFile("broken", ".json");
    Files.writeString(broken, "{\"settings\": ");

    int exit = run("--shop", "demo", "--from", "2010-12-01", "--to", "2011-01-01", "--against", broken.toString(),
        "--api-key", "k", "--url", url());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--against " + broken + ": not JSON");
    assertThat(requests).isEmpty();
  }

  @Test
  void assumeConsentIsAskedForAndSaidAboveTheReport() {
    int exit = run("--shop", "demo", "--from", "2010-12-01", "--assume-consent", "--to", "2011-01-01", "--api-key",
        "k", "--url", url());

    assertThat(exit).isZero();
    assertThat(requests.get(0)).contains("\"assumeConsent\":true");
    assertThat(out.toString()).contains("Customers without a profile counted as consenting");
  }

  @Test
  void withoutTheFlagTheReportSaysNothingOfConsent() {
    int exit = run("--shop", "demo", "--from", "2010-12-01", "--to", "2011-01-01", "--api-key", "k", "--url", url());

    assertThat(exit).isZero();
    assertThat(out.toString()).doesNotContain("counted as consenting");
  }

  @Test
  void refusedRequestNamesTheFieldAndExitsOne() {
    int exit = run("--shop", "demo", "--from", "bad", "--to", "2011-01-01", "--api-key", "k", "--url", url());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("from: must be a date like 2010-12-01");
  }

  @Test
  void missingOptionPrintsUsageAndExitsTwo() {
    int exit = run("--shop", "demo", "--api-key", "k");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--from is required", "usage: ./upsell backtest");
  }

  @Test
  void unreachableEngineExitsTwo() {
    engine.stop(0);

    int exit = run("--shop", "demo", "--from", "2010-12-01", "--to", "2011-01-01", "--api-key", "k", "--url", url());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("cannot reach the trigger engine");
  }
}
