package io.upsell.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The product end to end, across the four real service processes, the real broker and the real SMTP server,
 * started as {@code ./upsell start} starts them: events in through the ingest API, email out, in-app prompt out,
 * revenue attributed; then the same stack under attack (security, hostile input) and its logs checked for secrets.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

  private static final String SHOP = DemoShop.ID;
  private static final String SCRIPT = "<script>alert(1)</script>";
  private static final String HOSTILE_NAME = "<b>Amelia</b>\r\nBcc: leak@evil.example";
  private static final Pattern CLICK_LINK = Pattern.compile("href=\"([^\"]*/v1/track/click[^\"]*)\"");
  private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");
  // The engine's default code prefix, then the code (CouponCodes' alphabet).
  private static final Pattern CODE = Pattern.compile("\\bUP-[A-Z0-9]{6,16}\\b");

  private static TestStack stack;
  private static ShopClient shop;
  private static final List<String> secrets = new ArrayList<>();
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void startStack() throws Exception {
    stack = TestStack.create();
    stack.start();
    shop = new ShopClient(stack.apiKey());
    secrets.add(stack.apiKey());
    secrets.add(DemoShop.env(stack.home.demoShopEnv()).getProperty("DEMO_SHOP_WEBHOOK_SECRET"));
    secrets.add(stack.home.secret("notifier-token"));
    secrets.add(stack.home.secret("analytics-peer"));
    secrets.add(stack.home.secret(Services.ENGINE_COUPON_SECRET));
    // Immediate, every-hour, no control group: the test must not depend on the clock or on hash luck.
    var rules = shop.put(stack.url("trigger-engine") + "/v1/shops/" + SHOP + "/rules", Map.of(
        "quietHoursStart", "00:00", "quietHoursEnd", "00:00", "holdoutPercent", 0.0,
        "settings", Map.of("CART_ABANDONED.delayMinutes", "1")));
    assertThat(rules.status()).as(rules.body()).isEqualTo(200);
    // The SaaS app's plan ladder, as a shop posts its catalog; read by the time the storage test reports usage.
    long now = System.currentTimeMillis();
    post(List.of(plan("basic", "Basic", 100, 499, null), plan("pro", "Pro", 1000, 999, "basic"),
        plan("business", "Business", 5000, 2499, "pro")).stream()
        .map(fields -> event("product", null, now, fields)).toList());
  }

  private static Map<String, Object> plan(String id, String name, long storageGb, long priceMinor, String below) {
    Map<String, Object> plan = new java.util.HashMap<>(Map.of("productId", id, "name", name, "kind", "plan",
        "quotas", Map.of("storage", storageGb), "units", Map.of("storage", "GB"), "priceMinor", priceMinor,
        "currency", "GBP"));
    if (below != null) {
      plan.put("upgradeOf", below);
    }
    return plan;
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.stack.stop();
    }
  }

  @Test
  @Order(1)
  void abandonedCartOfAShopWithoutCatalogEmailsItsItemsWithACodeThatValidatesAndIsRedeemedByTheOrder()
      throws Exception {
    String customer = "e2e-cart-" + RUN;
    String email = customer + "@shop.example";
    secrets.add(email);
    long now = System.currentTimeMillis();
    // No product event: the cart's own lines are all the engine and the notifier know of its items.
    post(List.of(
        event("customer_profile", customer, now, Map.of("email", email, "name", HOSTILE_NAME, "locale", "en",
            "timeZone", "Europe/London", "marketingConsent", true)),
        event("cart_item_added", customer, now + 1, Map.of("cartId", "cart-" + RUN, "valueMinor", 678,
            "currency", "GBP", "items", List.of(Map.of("productId", "P-LANTERN", "name", "White Metal Lantern " + SCRIPT,
                "quantity", 2, "unitPriceMinor", 339))))));

    List<MailBox.Mail> mails = awaitMail(email, 1, Duration.ofMinutes(3));
    assertThat(mails).as("one abandoned-cart email").hasSize(1);
    MailBox.Mail mail = mails.get(0);
    assertThat(mail.headers()).containsKeys("List-Unsubscribe", "List-Unsubscribe-Post");
    assertThat(mail.html()).contains("White Metal Lantern").contains("£3.39");
    assertThat(mail.text()).contains("White Metal Lantern").contains("£3.39");
    // What shops and customers typed is shown as text: no markup of theirs, no header or recipient of theirs.
    assertThat(mail.html()).doesNotContain(SCRIPT).doesNotContain("<b>Amelia</b>");
    assertThat(mail.headers().keySet()).noneMatch(name -> name.equalsIgnoreCase("Bcc"));
    assertThat(MailBox.read(MailServer.apiUrl(stack.ports))).noneMatch(m -> m.to().contains("evil.example"));

    String storefront = DemoSite.url(stack.ports) + "/shop/";
    assertThat(linksOutsideTheShop(mail.html(), storefront)).as("links to our service ports").isEmpty();
    Matcher click = CLICK_LINK.matcher(mail.html());
    assertThat(click.find()).as("a click-tracking link in the email").isTrue();
    HttpResponse<Void> redirect = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(click.group(1).replace("&amp;", "&"))).GET().build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(redirect.statusCode()).isBetween(300, 399);
    String target = redirect.headers().firstValue("Location").orElse("");
    assertThat(target).as("the button leads to the shop's cart").startsWith(storefront + "cart");
    assertThat(shop.get(target).status()).as("the cart page the link names").isEqualTo(200);

    Matcher shown = CODE.matcher(mail.text());
    assertThat(shown.find()).as("a code in the email: " + mail.text()).isTrue();
    String code = shown.group();
    var coupon = awaitCoupon(code, Duration.ofSeconds(30));
    assertThat(coupon.status()).as(coupon.body()).isEqualTo(200);
    assertThat(coupon.json().path("customerId").asText()).isEqualTo(customer);
    assertThat(coupon.json().path("triggerType").asText()).isEqualTo("CART_ABANDONED");

    post(List.of(event("order_placed", customer, System.currentTimeMillis(), Map.of("orderId", "o-" + RUN,
        "totalMinor", 678, "currency", "GBP", "channel", "email", "couponCode", code, "lines",
        List.of(Map.of("productId", "P-LANTERN", "quantity", 2, "unitPriceMinor", 339))))));

    assertThat(awaitAttributedRevenue(678, Duration.ofMinutes(2))).isGreaterThanOrEqualTo(678);
    assertThat(awaitRedeemed("CART_ABANDONED", Duration.ofMinutes(1))).as("redemptions in the A/B results")
        .isEqualTo(1);
    assertThat(shop.get(couponUrl(code)).status()).as("the redeemed code is gone").isEqualTo(410);
    Thread.sleep(3000);
    assertThat(MailBox.read(MailServer.apiUrl(stack.ports)).stream().filter(m -> m.to().equals(email)))
        .as("still exactly one email for the cart").hasSize(1);
  }

  /** Every link of a message that leads neither into the shop nor to our tracking, unsubscribe or not-relevant. */
  private static List<String> linksOutsideTheShop(String html, String storefront) {
    String notifier = stack.url("notifier");
    List<String> links = new ArrayList<>();
    Matcher href = HREF.matcher(html);
    while (href.find()) {
      links.add(href.group(1).replace("&amp;", "&"));
    }
    assertThat(links).as("links in the email").hasSizeGreaterThanOrEqualTo(2);
    return links.stream().filter(link -> !link.startsWith(storefront)
        && Stream.of("/v1/track/", "/v1/unsubscribe", "/v1/not-relevant")
            .noneMatch(path -> link.startsWith(notifier + path))).toList();
  }

  @Test
  @Order(2)
  void storageAtEightySixPercentOfBasicPromptsAConnectedInAppClientToMoveToProWithItsPrice() throws Exception {
    String customer = "e2e-app-" + RUN;
    var token = shop.post(stack.url("notifier") + "/v1/inapp/tokens", Map.of("customerId", customer));
    assertThat(token.status()).as(token.body()).isEqualTo(200);
    String customerToken = token.json().path("token").asText();
    secrets.add(customerToken);

    try (SseClient sse = new SseClient(stack.url("notifier") + "/v1/inapp/stream?token=" + customerToken)) {
      Thread.sleep(1000);
      post(List.of(event("usage_reported", customer, System.currentTimeMillis(), Map.of("resource", "storage",
          "usedUnits", 86, "quotaUnits", 100, "unit", "GB", "plan", "basic"))));
      List<String> prompts = sse.await("STORAGE_NEAR_FULL", Duration.ofMinutes(2));
      assertThat(sse.status()).isEqualTo(200);
      assertThat(prompts).anySatisfy(line -> assertThat(line).contains("STORAGE_NEAR_FULL")
          .contains("Pro").contains("£9.99").contains("86 of 100 GB"));
    }
  }

  @Test
  @Order(3)
  void everyProtectedEndpointRefusesMissingKeysOtherShopsAndForgedTokens() throws Exception {
    ShopClient anonymous = new ShopClient("");
    List<String> open = new ArrayList<>();
    int checked = 0;
    for (String service : Services.ALL) {
      var document = anonymous.get(stack.url(service) + "/q/openapi?format=json");
      assertThat(document.status()).isEqualTo(200);
      for (EndpointSecurity.Operation op : EndpointSecurity.operations(service, document.json())) {
        boolean isPublic = EndpointSecurity.PUBLIC.contains(op.name());
        String body = Set.of("POST", "PUT").contains(op.method()) ? "{}" : null;
        int none = anonymous.send(op.method(), stack.url(service) + op.concrete(SHOP), body).status();
        if (!isPublic && none != 401 && none != 403 || none >= 500) {
          open.add(op.name() + " without a key answered " + none);
        }
        if (op.path().contains("{shopId}") && !isPublic) {
          int other = shop.send(op.method(), stack.url(service) + op.concrete("another-shop"), body).status();
          if (other != 403 && other != 401) {
            open.add(op.name() + " for another shop answered " + other);
          }
        }
        checked++;
      }
    }
    String notifier = stack.url("notifier");
    for (String forged : List.of("forged", "eyJhbGciOiJub25lIn0.e30.", stack.apiKey())) {
      int status = anonymous.get(notifier + "/v1/inapp/messages?token=" + forged).status();
      if (status != 401 && status != 403) {
        open.add("in-app inbox with token '" + forged.substring(0, 5) + "…' answered " + status);
      }
    }
    int redirect = anonymous.get(notifier + "/v1/track/click?url=https://evil.example/").status();
    if (redirect >= 300 && redirect < 400 || redirect >= 500) {
      open.add("click redirect to an unsigned target answered " + redirect);
    }
    System.out.printf("[security] %d documented operations tried without a key and for another shop; %d open%n",
        checked, open.size());
    assertThat(checked).isGreaterThan(15);
    assertThat(open).isEmpty();
  }

  @Test
  @Order(4)
  void tenThousandHostileRequestsGetNoServerErrorNoHangAndLeaveHeapFlat() throws Exception {
    List<byte[]> corpus = new HostileCorpus(20261123L).bodies(10_000);
    Map<Integer, Long> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<String> targeted = List.of("order-ingest", "notifier", "analytics");
    long rssBefore = HostileLoad.rssKb(stack, "order-ingest");
    HostileLoad load = new HostileLoad(stack, statuses, failures);

    assertThat(load.fire(corpus.subList(0, 5_000))).as("first half: no hang").isTrue();
    Map<String, Long> heapAtHalf = HostileLoad.heapAfterGcMb(stack, targeted);
    assertThat(load.fire(corpus.subList(5_000, corpus.size()))).as("second half: no hang").isTrue();
    Map<String, Long> heapAtEnd = HostileLoad.heapAfterGcMb(stack, targeted);
    for (String query : List.of("from=2025-13-45", "from=x&to=y", "granularity=year", "from=2025-01-01&to=2024-01-01",
        "from=%27%20OR%201%3D1", "from=" + "9".repeat(5000), "granularity=%3Cscript%3E", "to=&from=")) {
      statuses.merge(shop.get(stack.url("analytics") + "/v1/shops/" + SHOP + "/kpis?" + query).status(), 1L, Long::sum);
    }
    long rssAfter = HostileLoad.rssKb(stack, "order-ingest");
    System.out.printf("[hostile] %d requests: statuses %s, no answer %d; heap after GC, MB, half-way %s, end %s; "
        + "ingest RSS %d MB before, %d MB after%n", corpus.size() + 8, new java.util.TreeMap<>(statuses),
        failures.size(), heapAtHalf, heapAtEnd, rssBefore / 1024, rssAfter / 1024);

    assertThat(statuses.keySet()).as("no 5xx").allSatisfy(status -> assertThat(status).isLessThan(500));
    assertThat(failures).as("every request answered in time").isEmpty();
    // Flat: the second 5,000 requests (as hostile as the first, with multi-megabyte strings) must not leave
    // the live heap bigger by more than a little bookkeeping; a leak of bodies or errors would grow by far more.
    targeted.forEach(service -> assertThat(heapAtEnd.get(service)).as(service + " live heap, MB")
        .isLessThanOrEqualTo(heapAtHalf.get(service) + 16));
    assertThat(stack.stack.status().get("order-ingest")).isEqualTo("healthy");
  }

  @Test
  @Order(5)
  void importingDecember2010TwiceCountsEveryOrderOnceInTheLiveFigures() throws Exception {
    Path csv = Path.of(System.getProperty("upsell.shared.dir", "../shared"), "data", "online-retail",
        "online-retail-2010-12.csv");
    var owed = io.upsell.deploy.importer.ImportedTotals.of(csv, "Europe/London", "GBP");
    String[] args = {"orders", csv.toString(), "--url", stack.url("order-ingest"), "--api-key", stack.apiKey()};
    var first = new java.io.ByteArrayOutputStream();
    var second = new java.io.ByteArrayOutputStream();
    var progress = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());

    assertThat(io.upsell.deploy.importer.ImportCommand.run(args, new java.io.PrintStream(first), progress)).isZero();
    var month = awaitMonth("2010-12-01", "2011-01-01", owed.orders(), Duration.ofMinutes(2));
    assertThat(io.upsell.deploy.importer.ImportCommand.run(args, new java.io.PrintStream(second), progress)).isZero();
    Thread.sleep(3000);
    var afterRerun = awaitMonth("2010-12-01", "2011-01-01", owed.orders(), Duration.ofSeconds(5));
    System.out.printf("[import] %s | %s | owed %s | live month %s%n", first.toString().strip(),
        second.toString().strip(), owed, month);

    assertThat(first.toString()).contains(String.format("%,d accepted, 0 duplicates", owed.events()));
    assertThat(second.toString()).contains(String.format("0 accepted, %,d duplicates", owed.events()));
    assertThat(month.path("orders").asLong()).isEqualTo(owed.orders());
    assertThat(month.path("grossRevenueMinor").asLong()).isEqualTo(owed.grossMinor());
    assertThat(month.path("refundsMinor").asLong()).isEqualTo(owed.refundsMinor());
    assertThat(afterRerun).as("the rerun changed no figure").isEqualTo(month);
  }

  /** The month's KPI row once it counts {@code orders} orders, or as it stands when the time is up. */
  private static com.fasterxml.jackson.databind.JsonNode awaitMonth(String from, String to, long orders,
      Duration timeout) throws Exception {
    String url = stack.url("analytics") + "/v1/shops/" + SHOP + "/kpis?from=" + from + "&to=" + to
        + "&granularity=month";
    long deadline = System.nanoTime() + timeout.toNanos();
    com.fasterxml.jackson.databind.JsonNode row;
    do {
      var answer = shop.get(url);
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      row = answer.json().path("series").path(0);
      if (row.path("orders").asLong() >= orders) {
        return row;
      }
      Thread.sleep(1000);
    } while (System.nanoTime() < deadline);
    return row;
  }

  @Test
  @Order(9)
  void noLogLineCarriesAKeyASecretATokenOrAnEmailAddress() throws Exception {
    List<String> leaks = new ArrayList<>();
    try (Stream<Path> logs = Files.list(stack.home.logs())) {
      // smtp.log is the stand-in for the customer's mail provider, which must know addresses; all else is ours.
      for (Path log : logs.filter(log -> !log.getFileName().toString().equals("smtp.log")).toList()) {
        String text = Files.readString(log);
        secrets.stream().filter(s -> s != null && !s.isBlank() && text.contains(s))
            .forEach(s -> leaks.add(log.getFileName() + " contains " + s.substring(0, Math.min(6, s.length())) + "…"));
      }
    }
    assertThat(secrets).hasSizeGreaterThanOrEqualTo(4);
    assertThat(leaks).isEmpty();
  }

  static Map<String, Object> event(String type, String customerId, long at, Map<String, Object> fields) {
    return ShopClient.event(type, customerId, at, fields);
  }

  static void post(List<Map<String, Object>> events) throws Exception {
    var answer = shop.post(stack.url("order-ingest") + "/v1/events/batch", events);
    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
  }

  private static List<MailBox.Mail> awaitMail(String to, int count, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<MailBox.Mail> mails = List.of();
    while (mails.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      mails = MailBox.read(MailServer.apiUrl(stack.ports)).stream().filter(m -> m.to().equals(to)).toList();
    }
    return mails;
  }

  private static String couponUrl(String code) {
    return stack.url("analytics") + "/v1/shops/" + SHOP + "/coupons/" + code;
  }

  /** The code's lookup once analytics has read the trigger that issued it (404 until then). */
  private static ShopClient.Answer awaitCoupon(String code, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    var answer = shop.get(couponUrl(code));
    while (answer.status() == 404 && System.nanoTime() < deadline) {
      Thread.sleep(500);
      answer = shop.get(couponUrl(code));
    }
    return answer;
  }

  /** Codes of {@code triggerType} redeemed today as the A/B results count them. */
  private static long awaitRedeemed(String triggerType, Duration timeout) throws Exception {
    LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
    String url = stack.url("analytics") + "/v1/shops/" + SHOP + "/lift?from=" + today.minusDays(1)
        + "&to=" + today.plusDays(2);
    long deadline = System.nanoTime() + timeout.toNanos();
    long redeemed = 0;
    while (redeemed == 0 && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      var answer = shop.get(url);
      if (answer.status() == 200) {
        for (var variant : answer.json().path("variants")) {
          if (variant.path("triggerType").asText().equals(triggerType)) {
            redeemed += variant.path("redemptions").path("redeemed").asLong();
          }
        }
      }
    }
    return redeemed;
  }

  private static long awaitAttributedRevenue(long atLeast, Duration timeout) throws Exception {
    LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
    String url = stack.url("analytics") + "/v1/shops/" + SHOP + "/attribution?from=" + today.minusDays(1)
        + "&to=" + today.plusDays(2);
    long deadline = System.nanoTime() + timeout.toNanos();
    long revenue = 0;
    while (revenue < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      var answer = shop.get(url);
      revenue = answer.status() == 200 ? answer.json().path("attributedRevenueMinor").asLong() : 0;
    }
    return revenue;
  }
}
