package io.upsell.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.upsell.notifier.support.Fixtures;
import io.upsell.notifier.support.NotifierProcess;
import io.upsell.notifier.support.SmtpGate;
import io.upsell.schemas.notify.DeliveryStatus;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.testkit.TestKafka;
import io.upsell.testkit.TestShops;
import io.upsell.testkit.TopicRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The retry schedule is state, not a thread's memory: a send waiting for a mail server that answers 451 is still
 * sent, once, by the next run of the packaged notifier after a restart with an empty local state directory.
 */
class RetryScheduleIT {

  private static final String SHOP = TestShops.SHOP_A;

  @Test
  void retryScheduleSurvivesRestart() throws Exception {
    // Given a mail server that answers every recipient 451, and a notifier retrying an email to it
    String bootstrap = TestKafka.broker().bootstrapServers();
    var greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    try (var gate = new SmtpGate(greenMail.getSmtp().getPort())) {
      gate.refuseAll(true);
      Path shops = TestShops.writeFile();
      String run = Fixtures.unique("retry");
      String customer = run + "-c";
      String address = customer + "@example.com";
      Fixtures.profile(SHOP, customer, address, "Ri", "en", true);
      UpsellTrigger trigger = Fixtures.trigger(SHOP, customer, TriggerType.CART_ABANDONED, List.of(),
          ChannelHint.EMAIL);
      Map<String, String> props = Map.of("quarkus.kafka-streams.application-id", run,
          "notifier.retry.initial-backoff", "PT0.2S", "notifier.retry.max-backoff", "PT0.5S",
          "notifier.retry.scan-every", "PT0.2S");
      try (var first = NotifierProcess.start(bootstrap, shops, gate.port(), withStateDir(props, "first"),
          Path.of("target", "retry-first.log"))) {
        Fixtures.send(trigger);
        awaitRefusals(gate, address, 2);
      }

      // When it stops (and its partitions' state lives on only in the changelogs), and the server recovers
      int refusedBefore = gate.refusalsTo(address).size();
      gate.refuseAll(false);
      try (var second = NotifierProcess.start(bootstrap, shops, gate.port(), withStateDir(props, "second"),
          Path.of("target", "retry-second.log"))) {

        // Then the next run sends it from the restored schedule: one email, one SENT, nothing dead-lettered
        var records = new TopicRecords(TestKafka.broker(), EventSerdes.singleObject());
        var outcomes = records.await(Topics.NOTIFY_DELIVERIES,
            r -> r.value().getTriggerId().equals(trigger.getTriggerId()), 1, Duration.ofSeconds(60));
        assertThat(outcomes).hasSize(1);
        assertThat(outcomes.get(0).value().getStatus()).isEqualTo(DeliveryStatus.SENT);
        assertThat(refusedBefore).as("tries refused before the restart").isGreaterThanOrEqualTo(2);
        assertThat(Fixtures.mailTo(greenMail, address, 2, Duration.ofSeconds(2))).hasSize(1);
        assertThat(records.readAll(Topics.NOTIFY_DELIVERIES,
            r -> r.value().getTriggerId().equals(trigger.getTriggerId()), Duration.ofSeconds(2))).hasSize(1);
        assertThat(records.readAll(Topics.NOTIFY_DLQ, r -> r.value().getTriggerId().equals(trigger.getTriggerId()),
            Duration.ofSeconds(1))).isEmpty();
      }
    } finally {
      greenMail.stop();
    }
  }

  private static Map<String, String> withStateDir(Map<String, String> props, String run) throws Exception {
    var all = new java.util.HashMap<>(props);
    all.put("kafka-streams.state.dir", Files.createTempDirectory("notifier-" + run).toString());
    return all;
  }

  private static void awaitRefusals(SmtpGate gate, String address, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (gate.refusalsTo(address).size() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(gate.refusalsTo(address)).as("refused tries before the restart").hasSizeGreaterThanOrEqualTo(count);
  }
}
