package io.upsell.deploy.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.deploy.demo.DemoShop;
import io.upsell.deploy.mail.MailBox;
import io.upsell.deploy.mail.MailServer;
import io.upsell.schemas.notify.Delivery;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.DeliveryStatus;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topic;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.Offer;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.testkit.ServiceProcess;
import io.upsell.testkit.TopicRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * Two notifier processes of one stack on the real broker share the customers' partitions: storage reports for
 * customers on every partition go through the real engine and are each mailed once; in-app prompts reach the inbox
 * and the open streams of their customer through either notifier; the second notifier is killed with SIGKILL while
 * the reports are still coming in, the first takes its partitions over, and every trigger ends with exactly one
 * outcome (SENT, or UNKNOWN for a send cut off by the kill), never none, never two emails.
 */
class TwoNotifiersIT {

  private static final String SECOND = "notifier-2";
  private static final int EMAILS_PER_PARTITION = 8;
  private static final Duration PATIENCE = Duration.ofMinutes(2);

  @Test
  void twoNotifiersShareThePartitionsAndOneKilledMidLoadLeavesEveryTriggerOneOutcome() throws Exception {
    long began = System.nanoTime();
    TestStack stack = TestStack.create().start();
    try {
      // Given the stack's notifier and a second one, storage prompts mailed, and decisions at any hour for everyone
      var shop = new ShopClient(stack.apiKey());
      var rules = shop.put(stack.url("trigger-engine") + "/v1/shops/" + DemoShop.ID + "/rules", Map.of(
          "quietHoursStart", "00:00", "quietHoursEnd", "00:00", "holdoutPercent", 0.0,
          "settings", Map.of("STORAGE_NEAR_FULL.channel", "EMAIL")));
      assertThat(rules.status()).as(rules.body()).isEqualTo(200);
      int secondPort = ServiceProcess.freePort();
      Services.startInstance(stack.home, stack.ports, "notifier", SECOND, secondPort);
      String first = stack.url("notifier");
      String second = "http://127.0.0.1:" + secondPort;
      assertThat(Health.await(second + "/q/health/ready", PATIENCE,
          () -> ChildProcess.running(stack.home, SECOND).isPresent())).as("second notifier ready").isTrue();
      var topics = new TopicRecords(() -> KafkaNode.bootstrap(stack.ports), EventSerdes.singleObject());

      String prefix = "two-" + UUID.randomUUID().toString().substring(0, 8);
      List<String> mailed = onEveryPartition(prefix + "-m", EMAILS_PER_PARTITION);
      List<String> prompted = onEveryPartition(prefix + "-p", 1);
      List<Map<String, Object>> profiles = new ArrayList<>();
      for (String customer : mailed) {
        profiles.add(ShopClient.event("customer_profile", customer, System.currentTimeMillis(), Map.of(
            "email", customer + "@shop.example", "name", "Omar", "locale", "en", "timeZone", "Europe/London",
            "marketingConsent", true)));
      }
      assertThat(shop.post(stack.url("order-ingest") + "/v1/events/batch", profiles).status()).isEqualTo(202);
      Map<String, String> tokens = new HashMap<>();
      for (String customer : prompted) {
        tokens.put(customer, shop.post(first + "/v1/inapp/tokens", Map.of("customerId", customer)).json()
            .path("token").asText());
      }
      List<String> notifiers = List.of(first, second);
      // Both have settled into their share: every inbox answers through both (503 while they rebalance)
      for (String customer : prompted) {
        for (String notifier : notifiers) {
          awaitInbox(notifier, tokens.get(customer), 0);
        }
      }

      // (which partitions the second one owns: it answers a call marked forwarded only for its own customers)
      Set<Integer> secondOwns = new java.util.TreeSet<>();
      for (String customer : prompted) {
        if (markedForwarded(second, tokens.get(customer)) == 200) {
          secondOwns.add(partitionOf(customer));
        }
      }
      assertThat(secondOwns).as("partitions of the second notifier").isNotEmpty()
          .hasSizeLessThan(Topics.UPSELL_TRIGGERS.partitions());

      // When in-app prompts are decided while a stream per customer is open on each notifier
      List<SseClient> streams = new ArrayList<>();
      Map<String, List<SseClient>> streamsOf = new HashMap<>();
      for (String customer : prompted) {
        for (String notifier : notifiers) {
          var stream = new SseClient(notifier + "/v1/inapp/stream?token=" + tokens.get(customer));
          streams.add(stream);
          streamsOf.computeIfAbsent(customer, c -> new ArrayList<>()).add(stream);
        }
      }
      Set<String> promptIds = new java.util.HashSet<>();
      for (String customer : prompted) {
        UpsellTrigger prompt = prompt(customer);
        promptIds.add(prompt.getTriggerId());
        topics.send(Topics.UPSELL_TRIGGERS, Keys.customer(DemoShop.ID, customer), prompt, System.currentTimeMillis());
      }
      // And storage reports come in through ingest, the second notifier being killed with SIGKILL on the way
      List<String> accepted = new CopyOnWriteArrayList<>();
      Thread reports = new Thread(() -> report(stack, shop, mailed, accepted), "storage-reports");
      reports.start();

      // Then each prompt reaches both of its customer's streams, wherever its partition is
      for (String customer : prompted) {
        for (SseClient stream : streamsOf.get(customer)) {
          assertThat(stream.await("SUBSCRIPTION_EXPIRING", PATIENCE)).as("stream of " + customer)
              .anyMatch(line -> line.contains("SUBSCRIPTION_EXPIRING"));
        }
      }
      // And each inbox shows it through both notifiers
      for (String customer : prompted) {
        for (String notifier : notifiers) {
          assertThat(awaitInbox(notifier, tokens.get(customer), 1).path("messages").get(0).path("triggerType")
              .asText()).isEqualTo("SUBSCRIPTION_EXPIRING");
        }
      }
      streams.forEach(SseClient::close);

      awaitMails(stack, prefix, mailed.size() / 6);
      Set<String> mailedBeforeKill = Set.copyOf(mails(stack, prefix));
      long mailsBeforeKill = mailedBeforeKill.size();
      ProcessHandle killed = ChildProcess.running(stack.home, SECOND).orElseThrow();
      killed.destroyForcibly();
      killed.onExit().get(30, TimeUnit.SECONDS);
      reports.join(PATIENCE.toMillis());

      // Then every storage report fired one trigger, and every trigger of the run has exactly one outcome
      var triggers = await(topics, Topics.UPSELL_TRIGGERS, prefix, accepted.size() + prompted.size());
      Set<String> triggerIds = triggers.stream().map(UpsellTrigger::getTriggerId).collect(Collectors.toSet());
      Map<String, List<Delivery>> outcomes = awaitOutcomes(topics, prefix, triggerIds);
      Map<String, Long> mailsPerCustomer = mails(stack, prefix).stream()
          .collect(Collectors.groupingBy(to -> to.substring(0, to.indexOf('@')), Collectors.counting()));
      Map<String, Long> byStatus = outcomes.values().stream().flatMap(List::stream)
          .collect(Collectors.groupingBy(d -> d.getChannel() + " " + d.getStatus(), Collectors.counting()));
      System.out.printf("[two notifiers] %d storage reports accepted, %d in-app prompts; triggers %d; outcomes %s; "
              + "emails %d before the kill, %d in all; %.0f s%n", accepted.size(), prompted.size(), triggers.size(),
          byStatus, mailsBeforeKill, mailsPerCustomer.values().stream().mapToLong(Long::longValue).sum(),
          (System.nanoTime() - began) / 1e9);

      // The first notifier mailed what was owed on the second one's partitions after the kill
      long takenOver = mails(stack, prefix).stream().filter(to -> !mailedBeforeKill.contains(to))
          .filter(to -> secondOwns.contains(partitionOf(to.substring(0, to.indexOf('@'))))).count();
      System.out.printf("[two notifiers] the second owned partitions %s; %d of their emails were sent after the kill%n",
          secondOwns, takenOver);
      assertThat(mailsBeforeKill).as("killed while mailing").isLessThan(accepted.size());
      assertThat(takenOver).as("emails of the killed notifier's partitions sent by the other").isPositive();
      assertThat(triggers).hasSize(accepted.size() + prompted.size());
      assertThat(triggers.stream().map(UpsellTrigger::getCustomerId).collect(Collectors.toSet()))
          .as("one trigger per customer").hasSize(triggers.size());
      for (UpsellTrigger trigger : triggers) {
        boolean inApp = promptIds.contains(trigger.getTriggerId());
        Map<DeliveryChannel, List<Delivery>> found = outcomes.getOrDefault(trigger.getTriggerId(), List.of()).stream()
            .collect(Collectors.groupingBy(Delivery::getChannel));
        assertThat(found.values()).as("outcomes per channel of " + trigger.getCustomerId()).allMatch(o -> o.size() == 1);
        List<Delivery> main = found.getOrDefault(inApp ? DeliveryChannel.IN_APP : DeliveryChannel.EMAIL, List.of());
        assertThat(main).as("outcome of " + trigger.getCustomerId()).hasSize(1);
        assertThat(main.get(0).getStatus()).as("outcome of " + trigger.getCustomerId())
            .isIn(DeliveryStatus.SENT, DeliveryStatus.UNKNOWN);
        long emails = mailsPerCustomer.getOrDefault(trigger.getCustomerId(), 0L);
        if (inApp) {
          assertThat(emails).as("emails to an in-app customer").isZero();
        } else if (main.get(0).getStatus() == DeliveryStatus.SENT) {
          assertThat(emails).as("emails to " + trigger.getCustomerId()).isEqualTo(1);
        } else {
          assertThat(emails).as("emails to " + trigger.getCustomerId() + " (unknown)").isLessThanOrEqualTo(1);
        }
      }
      // And the first notifier now answers every inbox itself
      for (String customer : prompted) {
        assertThat(awaitInbox(first, tokens.get(customer), 1).path("messages")).hasSize(1);
      }
    } finally {
      ChildProcess.stop(stack.home, SECOND, Duration.ofSeconds(10));
      stack.stack.stop();
    }
  }

  /** {@code perPartition} customers on each partition of the customer-keyed topics. */
  private static List<String> onEveryPartition(String prefix, int perPartition) {
    int[] placed = new int[Topics.UPSELL_TRIGGERS.partitions()];
    List<String> customers = new ArrayList<>();
    for (int i = 0; customers.size() < placed.length * perPartition; i++) {
      String customer = prefix + i;
      int partition = partitionOf(customer);
      if (placed[partition] < perPartition) {
        placed[partition]++;
        customers.add(customer);
      }
    }
    return customers;
  }

  /** The partition of a demo shop customer's records, as the producers' default partitioner places them. */
  private static int partitionOf(String customer) {
    byte[] key = Keys.customer(DemoShop.ID, customer).getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(key)) % Topics.UPSELL_TRIGGERS.partitions();
  }

  /** The status of an inbox read marked as already forwarded: 200 on the owner, 503 elsewhere. */
  private static int markedForwarded(String notifier, String token) throws Exception {
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(notifier + "/v1/inapp/messages"))
        .header("Authorization", "Bearer " + token).header("X-Notifier-Forwarded", "1").GET().build();
    return java.net.http.HttpClient.newHttpClient()
        .send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** An account prompt the engine would send in-app; the test stands in for the engine here. */
  private static UpsellTrigger prompt(String customer) {
    Instant now = Instant.now();
    return new UpsellTrigger(DemoShop.ID, customer, "t-" + UUID.randomUUID(), TriggerType.SUBSCRIPTION_EXPIRING, 1,
        "two notifiers test: renewal due", Offer.newBuilder().setDiscountPercent(10).build(), ChannelHint.IN_APP,
        "A", false, List.of(), now, now);
  }

  /** Posts one storage report (86 of 100) per customer, a few per second. */
  private static void report(TestStack stack, ShopClient shop, List<String> customers, List<String> accepted) {
    for (String customer : customers) {
      try {
        if (shop.post(stack.url("order-ingest") + "/v1/events",
            ShopClient.usage(customer + "-u", customer, 86, 100)).status() == 202) {
          accepted.add(customer);
        }
        Thread.sleep(250);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        // Not accepted: not owed a trigger.
      }
    }
  }

  /**
   * The customer's inbox once it holds {@code count} unread messages, with the 503s before it as {@code refused};
   * every answer on the way is 200 or 503 with Retry-After, never another error.
   */
  private static com.fasterxml.jackson.databind.node.ObjectNode awaitInbox(String notifier, String token, int count)
      throws Exception {
    var customer = new ShopClient(token);
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    int refused = 0;
    while (true) {
      var answer = customer.get(notifier + "/v1/inapp/messages");
      assertThat(answer.status()).as("inbox via " + notifier + ": " + answer.body()).isIn(200, 503);
      if (answer.status() == 503) {
        refused++;
      } else if (answer.json().path("messages").size() >= count) {
        return ((com.fasterxml.jackson.databind.node.ObjectNode) answer.json()).put("refused", refused);
      }
      assertThat(System.nanoTime()).as(count + " messages via " + notifier).isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  private static List<String> mails(TestStack stack, String prefix) throws Exception {
    return MailBox.read(MailServer.apiUrl(stack.ports)).stream().map(MailBox.Mail::to)
        .filter(to -> to.startsWith(prefix)).toList();
  }

  private static void awaitMails(TestStack stack, String prefix, int count) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (mails(stack, prefix).size() < count && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
  }

  /** The run's outcomes by trigger, every channel's, once every trigger has its email or in-app one. */
  private static Map<String, List<Delivery>> awaitOutcomes(TopicRecords topics, String prefix, Set<String> triggerIds)
      throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    Map<String, List<Delivery>> outcomes = Map.of();
    long decided = 0;
    while (decided < triggerIds.size() && System.nanoTime() < deadline) {
      outcomes = await(topics, Topics.NOTIFY_DELIVERIES, prefix, 0).stream()
          .filter(d -> triggerIds.contains(d.getTriggerId()))
          .collect(Collectors.groupingBy(Delivery::getTriggerId));
      // A webhook's outcome may come first; the trigger is done when its email or in-app outcome is in.
      decided = outcomes.values().stream().filter(found -> found.stream()
          .anyMatch(d -> d.getChannel() != DeliveryChannel.WEBHOOK)).count();
    }
    return outcomes;
  }

  private static <V extends SpecificRecord> List<V> await(TopicRecords topics, Topic<V> topic, String prefix,
      int expected) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    List<V> values = List.of();
    while (System.nanoTime() < deadline) {
      values = topics.readAll(topic, r -> r.key() != null && r.key().contains(":" + prefix), Duration.ofSeconds(3))
          .stream().map(r -> r.value()).toList();
      if (values.size() >= expected) {
        break;
      }
    }
    return values;
  }
}
