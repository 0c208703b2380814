package io.upsell.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.schemas.topics.Topic;
import io.upsell.schemas.topics.Topics;
import io.upsell.testkit.TopicRecords;
import io.upsell.schemas.serde.EventSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Faults injected into the real stack (broker, SMTP server and services as processes): nothing accepted is lost
 * or doubled, nothing crash-loops. Each case prints one line of figures.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

  private static TestStack stack;
  private static TopicRecords topics;

  @BeforeAll
  static void startStack() throws Exception {
    stack = TestStack.create();
    stack.start();
    topics = new TopicRecords(() -> KafkaNode.bootstrap(stack.ports), EventSerdes.singleObject());
    // Decisions at any hour and for every customer: the cases must not depend on the clock or on hash luck.
    var rules = new ShopClient(stack.apiKey()).put(stack.url("trigger-engine") + "/v1/shops/" + DemoShop.ID + "/rules",
        Map.of("quietHoursStart", "00:00", "quietHoursEnd", "00:00", "holdoutPercent", 0.0));
    assertThat(rules.status()).as(rules.body()).isEqualTo(200);
  }

  @AfterAll
  static void stopStack() {
    if (stack == null) {
      return;
    }
    stack.stack.stop();
    assertThat(Stack.roles()).allSatisfy(role -> assertThat(ChildProcess.running(stack.home, role)).isEmpty());
  }

  @Test
  @Order(1)
  void brokerDownForTwentySecondsLosesAndDoublesNothingThatGot202() throws Exception {
    String prefix = "outage-" + UUID.randomUUID();
    Map<String, Integer> answers = new BrokerOutage(stack).run(prefix, Duration.ofMillis(50),
        Duration.ofSeconds(8), Duration.ofSeconds(20), Duration.ofSeconds(15));

    var inKafka = topics.readAll(Topics.APP_USAGE, r -> r.value().getEventId().startsWith(prefix), Duration.ofSeconds(5))
        .stream().collect(Collectors.groupingBy(r -> r.value().getEventId(), Collectors.counting()));
    long accepted = answers.values().stream().filter(s -> s == 202).count();
    long lost = answers.entrySet().stream().filter(e -> e.getValue() == 202 && !inKafka.containsKey(e.getKey())).count();
    long duplicates = inKafka.values().stream().filter(n -> n > 1).count();
    System.out.printf("[fault] broker outage 20 s: sent %d / accepted %d / refused 503 %d / in Kafka %d / "
        + "duplicates %d / lost %d%n", answers.size(), accepted, count(answers, 503), inKafka.size(), duplicates, lost);

    assertThat(lost).as("events answered 202 but not in Kafka").isZero();
    assertThat(duplicates).as("events in Kafka more than once").isZero();
    assertThat(count(answers, 503)).as("the outage was answered with 503").isPositive();
    assertThat(answers.values()).as("only 202 or 503, never another status or a hang")
        .allSatisfy(status -> assertThat(status).isIn(202, 503));
    assertThat(accepted).as("accepted before and after the outage").isGreaterThan(100);
    awaitAllHealthy();
  }

  @Test
  @Order(2)
  void aPoisonRecordOnEachInputTopicIsDeadLetteredAndNothingCrashLoops() throws Exception {
    List<Topic<?>> inputs = List.of(Topics.SHOP_ORDERS, Topics.SHOP_CARTS, Topics.SHOP_VIEWS, Topics.APP_USAGE,
        Topics.APP_SUBSCRIPTIONS, Topics.APP_COURSES, Topics.CRM_CUSTOMERS, Topics.CRM_SUPPORT,
        Topics.CATALOG_PRODUCTS, Topics.ENGAGEMENT_EVENTS, Topics.UPSELL_TRIGGERS);
    String key = "poison-shop:" + UUID.randomUUID();
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", KafkaNode.bootstrap(stack.ports)),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      for (Topic<?> topic : inputs) {
        byte[] poison = ("not avro: " + topic.name()).getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topic.name(), key.getBytes(StandardCharsets.UTF_8), poison))
            .get(30, TimeUnit.SECONDS);
      }
    }

    Map<String, List<String>> appsByTopic = Map.of();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (appsByTopic.size() < inputs.size() && System.nanoTime() < deadline) {
      appsByTopic = topics.readAll(Topics.DEAD_LETTERS, r -> key.equals(r.key()), Duration.ofSeconds(3)).stream()
          .collect(Collectors.groupingBy(r -> r.value().getSourceTopic(),
              Collectors.mapping(r -> r.value().getApplication(), Collectors.toList())));
    }
    System.out.printf("[fault] poison records: sent %d / dead-lettered on %d topics %s%n", inputs.size(),
        appsByTopic.size(), appsByTopic);

    assertThat(appsByTopic.keySet()).containsExactlyInAnyOrderElementsOf(
        inputs.stream().map(Topic::name).toList());
    awaitAllHealthy();
  }

  @Test
  @Order(3)
  void engineNotifierAndAnalyticsKilledMidLoadLoseAndDoubleNothing() throws Exception {
    String prefix = "kill-" + UUID.randomUUID().toString().substring(0, 8);
    int customers = 120;
    KillDuringLoad.Result result = new KillDuringLoad(stack).run(prefix, customers);
    awaitAllHealthy();

    var triggers = awaitRecords(Topics.UPSELL_TRIGGERS, prefix, customers);
    Map<String, Long> perCustomer = triggers.stream()
        .collect(Collectors.groupingBy(t -> t.getCustomerId(), Collectors.counting()));
    long duplicates = perCustomer.values().stream().filter(n -> n > 1).count();
    long lost = result.accepted().stream().filter(c -> !perCustomer.containsKey(c)).count();
    var outcomes = awaitRecords(Topics.NOTIFY_DELIVERIES, prefix, triggers.size()).stream()
        .collect(Collectors.groupingBy(d -> d.getTriggerId(), Collectors.counting()));
    long doubleOutcomes = outcomes.values().stream().filter(n -> n > 1).count();
    long missingOutcomes = triggers.stream().filter(t -> !outcomes.containsKey(t.getTriggerId())).count();
    long fired = KillDuringLoad.firedInAnalytics(stack, "STORAGE_NEAR_FULL", triggers.size());
    System.out.printf("[fault] SIGKILL engine, notifier, analytics mid-load: usage events %d / accepted %d / "
        + "triggers %d / duplicates %d / lost %d / delivery outcomes %d (doubled %d, missing %d) / analytics fired %d%n",
        customers, result.accepted().size(), triggers.size(), duplicates, lost, outcomes.size(), doubleOutcomes,
        missingOutcomes, fired);

    assertThat(result.accepted()).hasSize(customers);
    assertThat(duplicates).isZero();
    assertThat(lost).isZero();
    assertThat(doubleOutcomes).isZero();
    assertThat(missingOutcomes).isZero();
    assertThat(fired).as("analytics counts each trigger once after its own kill").isEqualTo(triggers.size());
  }

  @Test
  @Order(4)
  void smtpDownMailIsRetriedAndSentOrDeadLetteredNeverSilent() throws Exception {
    String prefix = "smtp-" + UUID.randomUUID().toString().substring(0, 8);
    MailOutage.Result result = new MailOutage(stack, topics).run(prefix, 10, Duration.ofSeconds(5));
    System.out.printf("[fault] SMTP down 5 s: triggers %d / sent %d (emails received %d) / failed %d "
        + "(dead-lettered %d) / silent %d%n", result.triggers(), result.sent(), result.emails(), result.failed(),
        result.deadLettered(), result.triggers() - result.sent() - result.failed());

    assertThat(result.sent() + result.failed()).as("every trigger has an outcome").isEqualTo(result.triggers());
    assertThat(result.emails()).as("one email per SENT, none for the others").isEqualTo(result.sent());
    assertThat(result.deadLettered()).as("every FAILED one is in notify.dlq").isEqualTo(result.failed());
    awaitAllHealthy();
  }

  @Test
  @Order(5)
  void rollingSchemaChangeOldWriterNewReaderAndNewWriterOldReader() throws Exception {
    String prefix = "schema-" + UUID.randomUUID().toString().substring(0, 8);
    RollingSchemaChange.Result result = new RollingSchemaChange(stack).run(prefix, 10);
    System.out.printf("[fault] rolling schema change InAppMessage v1 -> v2: v1 snapshots written %d / shown by the "
        + "new notifier %d; v2 snapshots written %d / read by a v1 reader given the writer schema %d / refused "
        + "(unknown fingerprint) by a v1 reader without it %d%n", result.oldWritten(), result.oldShownByNew(),
        result.newWritten(), result.newReadByOldWithWriterSchema(), result.newRefusedByOldWithoutIt());

    assertThat(result.oldShownByNew()).as("old writer, new reader").isEqualTo(result.oldWritten());
    assertThat(result.newWritten()).as("the new notifier wrote a snapshot per customer").isEqualTo(10);
    assertThat(result.newReadByOldWithWriterSchema()).as("new writer, old reader with the writer's schema")
        .isEqualTo(result.newWritten());
    assertThat(result.newRefusedByOldWithoutIt()).as("new writer, old reader without it: refused, never misread")
        .isEqualTo(result.newWritten());
    awaitAllHealthy();
  }

  @Test
  @Order(6)
  void aNotifierWorkerThatDiesIsReportedDownWithTheReasonThenRestartedAndSendsWhatWasDecidedOnce() throws Exception {
    String customer = "fault-notifier-ex-" + UUID.randomUUID().toString().substring(0, 8);
    WorkerFault.Result result = new WorkerFault(stack).run("notifier", "trigger-consumer", "exception", customer);
    printAndAssertRecovered("notifier, exception in trigger-consumer", result);
    assertThat(result.livenessWhileFailed()).as("liveness while the worker was dead")
        .contains("\"trigger-consumer\"", "DOWN", "injected by a fault test into trigger-consumer");
  }

  @ParameterizedTest(name = "{0}, OutOfMemoryError in {1}")
  @CsvSource({"notifier, trigger-consumer", "trigger-engine, stream-thread", "order-ingest, seen-ids-follower"})
  @Order(7)
  void anOutOfMemoryErrorInAServicesWorkerExitsItIsRestartedAndWhatWasDecidedIsSentOnce(String service, String worker)
      throws Exception {
    String customer = "fault-" + service + "-oom-" + UUID.randomUUID().toString().substring(0, 8);
    printAndAssertRecovered(service + ", OutOfMemoryError in " + worker,
        new WorkerFault(stack).run(service, worker, "oom", customer));
  }

  @Test
  @Order(10)
  void anAnalyticsOutOfMemoryInItsStreamThreadExitsIsRestartedAndCountsTheTriggerOnce() throws Exception {
    String customer = "fault-analytics-oom-" + UUID.randomUUID().toString().substring(0, 8);
    printAndAssertRecovered("analytics, OutOfMemoryError in the stream thread",
        new WorkerFault(stack).run("analytics", "stream-thread", "oom", customer));
    long fired = topics.readAll(Topics.UPSELL_TRIGGERS,
        r -> DemoShop.ID.equals(r.value().getShopId()) && "STORAGE_NEAR_FULL".equals(r.value().getType().toString()),
        Duration.ofSeconds(3)).size();
    assertThat(KillDuringLoad.firedInAnalytics(stack, "STORAGE_NEAR_FULL", fired))
        .as("analytics counts every storage prompt, the one decided across its restart included, once").isEqualTo(fired);
  }

  /**
   * The case that was first seen by a user: the notifier's worker dies of OutOfMemoryError while a consenting
   * customer's cart reminder is on its way. The cart went idle 55 s before it is posted and the shop's cart delay is one
   * minute (short delays, as the demo sets them through the rules API), so the reminder comes due seconds later.
   */
  @Test
  @Order(11)
  void theNotifierDyingOfOutOfMemoryWhileACartReminderIsDueExitsIsRestartedAndSendsTheReminderOnce() throws Exception {
    var rules = new ShopClient(stack.apiKey()).put(stack.url("trigger-engine") + "/v1/shops/" + DemoShop.ID + "/rules",
        Map.of("quietHoursStart", "00:00", "quietHoursEnd", "00:00", "holdoutPercent", 0.0,
            "settings", Map.of("CART_ABANDONED.delayMinutes", "1")));
    assertThat(rules.status()).as(rules.body()).isEqualTo(200);
    Thread.sleep(2000); // the engine reads the rules from their topic
    String customer = "fault-cart-oom-" + UUID.randomUUID().toString().substring(0, 8);
    String email = customer + "@shop.example";
    long idleSince = System.currentTimeMillis() - 55_000;

    WorkerFault.Result result = new WorkerFault(stack).run("notifier", "trigger-consumer", "oom", customer, List.of(
        ShopClient.event("customer_profile", customer, idleSince - 1, Map.of("email", email, "name", "Cart Customer",
            "locale", "en", "timeZone", "Europe/London", "marketingConsent", true)),
        ShopClient.event("cart_item_added", customer, idleSince, Map.of("cartId", "cart-" + customer, "valueMinor", 339,
            "currency", "GBP", "items", List.of(Map.of("productId", "P-LANTERN", "name", "White Metal Lantern",
                "quantity", 1, "unitPriceMinor", 339))))));

    printAndAssertRecovered("notifier, OutOfMemoryError in trigger-consumer with a cart reminder due", result);
    List<MailBox.Mail> mails = List.of();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (mails.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      mails = MailBox.read(MailServer.apiUrl(stack.ports)).stream().filter(m -> m.to().equals(email)).toList();
    }
    Thread.sleep(3000); // a second email, if the restarted notifier were to send the reminder again, arrives meanwhile
    mails = MailBox.read(MailServer.apiUrl(stack.ports)).stream().filter(m -> m.to().equals(email)).toList();
    System.out.printf("[fault] cart reminder across the notifier's OutOfMemoryError: emails %d%n", mails.size());
    assertThat(mails).as("the cart reminder, sent once").singleElement()
        .satisfies(mail -> assertThat(mail.html()).contains("White Metal Lantern"));
  }

  /** The service was restarted once and is healthy; the customer's trigger was decided once and delivered once. */
  private static void printAndAssertRecovered(String fault, WorkerFault.Result result) throws InterruptedException {
    var triggers = awaitRecords(Topics.UPSELL_TRIGGERS, result.customer(), 1);
    var outcomes = awaitRecords(Topics.NOTIFY_DELIVERIES, result.customer(), 1);
    System.out.printf("[fault] %s: restarts %d -> %d / triggers %d / delivery outcomes %d %s%n", fault,
        result.restartsBefore(), result.restartsAfter(), triggers.size(), outcomes.size(),
        outcomes.stream().map(d -> d.getStatus().toString()).toList());

    assertThat(result.restartsAfter()).as("restarted by the launcher").isEqualTo(result.restartsBefore() + 1);
    assertThat(triggers).as("decided once").hasSize(1);
    assertThat(outcomes).as("one outcome for the trigger").hasSize(1);
    assertThat(outcomes.get(0).getTriggerId()).isEqualTo(triggers.get(0).getTriggerId());
    awaitAllHealthy();
  }

  private static <V extends org.apache.avro.specific.SpecificRecord> List<V> awaitRecords(Topic<V> topic,
      String customerPrefix, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    List<V> values = List.of();
    while (System.nanoTime() < deadline) {
      values = topics.readAll(topic, r -> r.key() != null && r.key().contains(":" + customerPrefix), Duration.ofSeconds(3))
          .stream().map(r -> r.value()).toList();
      if (values.size() >= expected) {
        break;
      }
    }
    return values;
  }

  private static long count(Map<String, Integer> answers, int status) {
    return answers.values().stream().filter(s -> s == status).count();
  }

  private static void awaitAllHealthy() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    Map<String, String> status = stack.stack.status();
    while (!status.values().stream().allMatch("healthy"::equals) && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      status = stack.stack.status();
    }
    assertThat(status).as("every part healthy again").allSatisfy((role, state) -> assertThat(state).isEqualTo("healthy"));
  }

}
