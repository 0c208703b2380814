package io.upsell.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.upsell.notifier.delivery.Outcomes;
import io.upsell.notifier.support.BulkRecords;
import io.upsell.notifier.support.Fixtures;
import io.upsell.notifier.support.NotifierProcess;
import io.upsell.notifier.tracking.DeliveryRef;
import io.upsell.schemas.notify.Delivery;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.DeliveryStatus;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.testkit.TestKafka;
import io.upsell.testkit.TestShops;
import io.upsell.testkit.TopicRecords;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Never twice, never lost, against the real broker and a real SMTP server: the packaged notifier is killed with
 * SIGKILL in the middle of a batch of emails, started again, and every trigger is accounted for.
 */
class CrashRecoveryIT {

  private static final int TRIGGERS = 400;
  private static final int BATCH = 100;
  /** kafka-streams.num.stream.threads of the packaged notifier. */
  private static final int STREAM_THREADS = 3;
  private static final String SHOP = TestShops.SHOP_A;

  @Test
  void aNotifierKilledMidBatchSendsNoTriggerTwiceAndAccountsForEveryOne() throws Exception {
    // Given a real broker, a real SMTP server, and 400 consenting customers with an email trigger each
    String bootstrap = TestKafka.broker().bootstrapServers();
    var greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    Path shops = TestShops.writeFile();
    String run = Fixtures.unique("crash");
    List<UpsellTrigger> triggers = new ArrayList<>();
    try (var bulk = new BulkRecords(bootstrap)) {
      List<java.util.concurrent.Future<?>> written = new ArrayList<>();
      for (int i = 0; i < TRIGGERS; i++) {
        String customer = run + "-" + i;
        written.add(bulk.send(Topics.CRM_CUSTOMERS, Keys.customer(SHOP, customer),
            Fixtures.profileRecord(SHOP, customer, customer + "@example.com", "C" + i, "en", true)));
        triggers.add(Fixtures.trigger(SHOP, customer, TriggerType.CART_ABANDONED, List.of(), ChannelHint.EMAIL));
      }
      bulk.flush();
      for (var future : written) {
        future.get();
      }
      log("profiles written");
      // A fresh Streams application per run: its own consumer group and changelogs on the shared broker.
      Map<String, String> props = Map.of("quarkus.kafka-streams.application-id", run,
          "kafka-streams.max.poll.records", Integer.toString(BATCH));
      Path logs = Path.of("target");
      var first = NotifierProcess.start(bootstrap, shops, greenMail.getSmtp().getPort(), props,
          logs.resolve("crash-first.log"));

      // When it is killed (SIGKILL) while the batch is being mailed, and started again
      log("first notifier ready");
      triggers.forEach(t -> bulk.send(Topics.UPSELL_TRIGGERS, Keys.customer(SHOP, t.getCustomerId()), t));
      bulk.flush();
      awaitMail(greenMail, TRIGGERS / 4, Duration.ofSeconds(60));
      first.kill();
      int beforeKill = greenMail.getReceivedMessages().length;
      log("killed after " + beforeKill + " emails");
      try (var second = NotifierProcess.start(bootstrap, shops, greenMail.getSmtp().getPort(), props,
          logs.resolve("crash-second.log"))) {
        log("second notifier ready");
        Map<String, Delivery> outcomes = awaitOutcomes(bootstrap, triggers, Duration.ofSeconds(120));
        log("all outcomes in");
        outcomes.values().stream().filter(d -> d.getStatus() == DeliveryStatus.SKIPPED)
            .forEach(d -> log("skipped " + d.getCustomerId() + ": " + d.getError()));

        // Then no trigger was mailed twice, and each one has exactly one outcome
        Map<String, Long> mailsPerTrigger = mailsPerTrigger(greenMail, triggers);
        var triggerIds = triggers.stream().map(UpsellTrigger::getTriggerId).collect(Collectors.toSet());
        System.out.printf("[crash test] %d emails before the kill, %d after; outcomes %s%n", beforeKill,
            greenMail.getReceivedMessages().length - beforeKill,
            outcomes.values().stream().collect(Collectors.groupingBy(d -> d.getStatus() + ":" + d.getError(),
                Collectors.counting())));
        assertThat(beforeKill).as("killed mid-batch").isBetween(1, TRIGGERS - 1);
        assertThat(outcomes).hasSize(TRIGGERS);
        assertThat(mailsPerTrigger.values()).allMatch(n -> n <= 1);
        for (UpsellTrigger t : triggers) {
          Delivery d = outcomes.get(t.getTriggerId());
          long mails = mailsPerTrigger.getOrDefault(t.getTriggerId(), 0L);
          if (d.getStatus() == DeliveryStatus.SENT) {
            assertThat(mails).as("emails for SENT " + t.getTriggerId()).isEqualTo(1);
          } else {
            // In flight at the kill: the SMTP outcome is unknown, so it is reported UNKNOWN, never resent.
            assertThat(d.getStatus()).as("outcome of " + t.getTriggerId()).isEqualTo(DeliveryStatus.UNKNOWN);
            assertThat(d.getError()).startsWith("outcome unknown");
          }
        }
        long unknown = outcomes.values().stream().filter(d -> d.getStatus() != DeliveryStatus.SENT).count();
        // And no unknown send was parked as a failure: the DLQ is for what was refused or expired
        var dead = new TopicRecords(TestKafka.broker(), EventSerdes.singleObject()).readAll(Topics.NOTIFY_DLQ,
            r -> triggerIds.contains(r.value().getTriggerId()), Duration.ofSeconds(2));
        assertThat(dead).as("dead-lettered triggers of this run").isEmpty();
        // A claim is unknown until its outcome is acknowledged; each stream thread handles one trigger to the end
        // before the next, so at most one send per thread is in flight at the kill.
        assertThat(unknown).as("only sends in flight at the kill are unknown").isLessThanOrEqualTo(STREAM_THREADS);
      }
    } finally {
      greenMail.stop();
    }
  }

  private static void log(String what) {
    System.out.printf("[crash test] %tT.%<tL %s%n", System.currentTimeMillis(), what);
  }

  private static void awaitMail(GreenMail greenMail, int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (greenMail.getReceivedMessages().length < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  private static Map<String, Delivery> awaitOutcomes(String bootstrap, List<UpsellTrigger> triggers,
      Duration timeout) {
    var ids = triggers.stream().map(UpsellTrigger::getTriggerId).collect(Collectors.toSet());
    var records = new TopicRecords(TestKafka.broker(), EventSerdes.singleObject());
    Map<String, Delivery> outcomes = new HashMap<>();
    records.await(Topics.NOTIFY_DELIVERIES, r -> ids.contains(r.value().getTriggerId()), TRIGGERS, timeout)
        .forEach(r -> {
          Delivery previous = outcomes.put(r.value().getTriggerId(), r.value());
          assertThat(previous).as("a second outcome for " + r.value().getTriggerId()).isNull();
        });
    // A duplicate published after the count was reached would show in a second, complete read.
    Map<String, Long> perTrigger = records.readAll(Topics.NOTIFY_DELIVERIES,
        r -> ids.contains(r.value().getTriggerId()), Duration.ofSeconds(2)).stream()
        .collect(Collectors.groupingBy(r -> r.value().getTriggerId(), Collectors.counting()));
    assertThat(perTrigger.values()).as("outcomes per trigger").allMatch(n -> n == 1);
    return outcomes;
  }

  private static Map<String, Long> mailsPerTrigger(GreenMail greenMail, List<UpsellTrigger> triggers)
      throws Exception {
    Map<String, String> triggerByMessageId = triggers.stream().collect(Collectors.toMap(
        t -> "<" + DeliveryRef.idOf(t.getTriggerId(), DeliveryChannel.EMAIL) + "@upsell.local>",
        UpsellTrigger::getTriggerId));
    List<String> mailed = new ArrayList<>();
    for (MimeMessage m : greenMail.getReceivedMessages()) {
      String triggerId = triggerByMessageId.get(m.getHeader("Message-ID")[0]);
      if (triggerId != null) {
        mailed.add(triggerId);
      }
    }
    return mailed.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }
}
