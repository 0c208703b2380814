package io.upsell.bench.notifier;

import io.upsell.notifier.tracking.DeliveryRef;
import io.upsell.notifier.support.BulkRecords;
import io.upsell.notifier.support.Fixtures;
import io.upsell.notifier.support.NotifierProcess;
import io.upsell.schemas.notify.Delivery;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.DeliveryStatus;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topic;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.testkit.TestKafka;
import io.upsell.testkit.TestShops;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The issue's SMTP-outage figure against the packaged notifier: email triggers at a steady rate (default 50/s),
 * the SMTP server gone for a while in the middle (default 60 s: open connections cut, new ones refused, by
 * {@link SmtpOutageRelay} in front of GreenMail), then back. Afterwards every trigger should have been emailed
 * exactly once and none dead-lettered. Counts, per trigger of the run: emails received (by Message-ID, which carries
 * the delivery id), outcomes on notify.deliveries, records on notify.dlq, and the notifier's email retries (an
 * outage that caused none did not reach it). Any shortfall prints a {@code [bench-warning]} line.
 *
 * <p>Usage: {@code SmtpOutage [triggers/s] [outage s] [s before] [s after] [drain s]} (default 50 60 20 40 180); after
 * the last trigger it waits until every email is in or none has come for the drain seconds.
 */
public final class SmtpOutage {

  private static final String SHOP = TestShops.SHOP_A;

  private SmtpOutage() {}

  public static void main(String[] args) {
    io.upsell.testkit.BenchMain.run(() -> run(arg(args, 0, 50), arg(args, 1, 60), arg(args, 2, 20), arg(args, 3, 40),
        arg(args, 4, 180)));
  }

  private static int arg(String[] args, int index, int otherwise) {
    return args.length > index ? Integer.parseInt(args[index]) : otherwise;
  }

  private static void run(int rate, int outageSeconds, int beforeSeconds, int afterSeconds, int drainSeconds)
      throws Exception {
    String bootstrap = TestKafka.broker().bootstrapServers();
    String loadBefore = Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
    int count = rate * (beforeSeconds + outageSeconds + afterSeconds);
    String run = Fixtures.unique("outage");
    List<UpsellTrigger> triggers = new ArrayList<>();
    Map<String, String> triggerOfDelivery = new HashMap<>();
    double lastEmailAfterOutage;
    double retries;
    Map<String, Integer> received = new HashMap<>();
    try (var mail = new GreenMailSink(); var relay = new SmtpOutageRelay(mail.port());
        var bulk = new BulkRecords(bootstrap)) {
      for (int i = 0; i < count; i++) {
        String customer = run + "-" + i;
        bulk.send(Topics.CRM_CUSTOMERS, Keys.customer(SHOP, customer), Fixtures.profileRecord(SHOP, customer,
            "inbox-" + (i % NotifierBenchmark.MAILBOXES) + "@example.com", "C" + i, "en", true));
        UpsellTrigger trigger = Fixtures.trigger(SHOP, customer, TriggerType.CART_ABANDONED, List.of(),
            ChannelHint.EMAIL);
        triggers.add(trigger);
        triggerOfDelivery.put("<" + DeliveryRef.idOf(trigger.getTriggerId(), DeliveryChannel.EMAIL) + "@",
            trigger.getTriggerId());
      }
      bulk.flush();
      try (var notifier = NotifierProcess.start(bootstrap, TestShops.writeFile(), relay.port(),
          Map.of("kafka-streams.state.dir", Files.createTempDirectory("notifier-outage").toString()),
          Files.createTempFile("notifier-outage", ".log"))) {
        System.err.printf("[bench] notifier pid %d; %d triggers at %d/s, SMTP down from %d s for %d s%n",
            notifier.pid(), count, rate, beforeSeconds, outageSeconds);
        long start = System.nanoTime();
        long outageFrom = start + TimeUnit.SECONDS.toNanos(beforeSeconds);
        long outageTo = outageFrom + TimeUnit.SECONDS.toNanos(outageSeconds);
        boolean down = false;
        boolean backUp = false;
        for (int i = 0; i < count; i++) {
          long due = start + i * 1_000_000_000L / rate;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
          if (!down && System.nanoTime() >= outageFrom) {
            relay.down();
            down = true;
            System.err.println("[bench] SMTP down");
          } else if (down && !backUp && System.nanoTime() >= outageTo) {
            relay.up();
            backUp = true;
            System.err.println("[bench] SMTP up");
          }
          UpsellTrigger trigger = triggers.get(i);
          bulk.send(Topics.UPSELL_TRIGGERS, Keys.customer(SHOP, trigger.getCustomerId()), trigger);
        }
        bulk.flush();
        long upAt = outageTo;
        long lastAt = System.nanoTime();
        long seen = -1;
        // Until every email is in, or none came for drainSeconds: a notifier slowed by a loaded machine is still
        // working through the backlog, which says nothing about what was lost.
        while (System.nanoTime() - lastAt < TimeUnit.SECONDS.toNanos(drainSeconds)) {
          Thread.sleep(1000);
          long now = mail.received();
          if (now != seen) {
            seen = now;
            lastAt = System.nanoTime();
          }
          if (now >= count) {
            break;
          }
        }
        lastEmailAfterOutage = (lastAt - upAt) / 1e9;
        retries = retriesOf(notifier.port());
        for (String id : mail.messageIds()) {
          String trigger = id == null ? null : triggerOfDelivery.get(id.substring(0, id.indexOf('@') + 1));
          if (trigger != null) {
            received.merge(trigger, 1, Integer::sum);
          }
        }
      }
    }
    Set<String> ours = new java.util.HashSet<>(triggerOfDelivery.values());
    Map<DeliveryStatus, Integer> outcomes = new HashMap<>();
    readAll(bootstrap, Topics.NOTIFY_DELIVERIES, (Delivery d) -> {
      if (ours.contains(d.getTriggerId()) && d.getChannel() == DeliveryChannel.EMAIL) {
        outcomes.merge(d.getStatus(), 1, Integer::sum);
      }
    });
    int[] deadLettered = new int[1];
    readAll(bootstrap, Topics.NOTIFY_DLQ, (UpsellTrigger t) -> {
      if (ours.contains(t.getTriggerId())) {
        deadLettered[0]++;
      }
    });
    long once = received.values().stream().filter(n -> n == 1).count();
    long twice = received.values().stream().filter(n -> n > 1).count();
    long none = count - received.size();
    // Which ones, to look up in the notifier's log: a connection cut after the server took the message but before
    // its 250 reached us reads as a temporary failure, and the retry sends it again.
    received.entrySet().stream().filter(e -> e.getValue() > 1).limit(5).forEach(e -> System.err.printf(
        "[bench] trigger %s emailed %d times%n", e.getKey(), e.getValue()));
    System.out.println();
    System.out.println("| figure | ours | ceiling | ratio |");
    System.out.println("| --- | --- | --- | --- |");
    String at = String.format("%d s SMTP outage under %d email triggers/s (%d triggers)", outageSeconds, rate, count);
    System.out.printf("| %s: emailed exactly once | %d | %d (target: all) | %.2f |%n", at, once, count,
        (double) once / count);
    System.out.printf("| %s: emailed more than once | %d | 0 (target) | - |%n", at, twice);
    System.out.printf("| %s: never emailed | %d | 0 (target) | - |%n", at, none);
    System.out.printf("| %s: dead-lettered (notify.dlq) | %d | 0 (target) | - |%n", at, deadLettered[0]);
    System.out.printf("| %s: outcomes SENT / FAILED / UNKNOWN / SKIPPED | %d / %d / %d / %d | - | - |%n", at,
        outcomes.getOrDefault(DeliveryStatus.SENT, 0), outcomes.getOrDefault(DeliveryStatus.FAILED, 0),
        outcomes.getOrDefault(DeliveryStatus.UNKNOWN, 0), outcomes.getOrDefault(DeliveryStatus.SKIPPED, 0));
    System.out.printf("| %s: last email after SMTP came back (s) | %.1f | - | - |%n", at, lastEmailAfterOutage);
    System.out.printf("| %s: email retries (notifier_retries_total, EMAIL) | %.0f | - | - |%n", at, retries);
    if (once < count || deadLettered[0] > 0) {
      System.out.printf("[bench-warning] %s: %d of %d triggers not emailed exactly once (%d more than once, %d never),"
          + " %d dead-lettered%n", at, count - once, count, twice, none, deadLettered[0]);
    }
    int notSent = count - outcomes.getOrDefault(DeliveryStatus.SENT, 0);
    if (notSent != 0) {
      System.out.printf("[bench-warning] %s: %d of %d triggers without a SENT outcome (FAILED %d, UNKNOWN %d)%n", at,
          notSent, count, outcomes.getOrDefault(DeliveryStatus.FAILED, 0),
          outcomes.getOrDefault(DeliveryStatus.UNKNOWN, 0));
    }
    if (retries == 0) {
      System.out.printf("[bench-warning] %s: no email retry counted: the outage did not reach the notifier%n", at);
    }
    System.out.printf("| load average (1, 5, 15 min) before → after | %s → %s | - | - |%n",
        String.join(" ", List.of(loadBefore.split(" ")).subList(0, 3)),
        String.join(" ", List.of(Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")).subList(0, 3)));
  }

  /** The notifier's email retries so far, summed over reasons, from its Prometheus metrics. */
  private static double retriesOf(int port) throws Exception {
    String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    var m = java.util.regex.Pattern.compile("(?m)^notifier_retries_total\\{[^}]*channel=\"EMAIL\"[^}]*} ([0-9.E]+)")
        .matcher(metrics);
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
    }
    return sum;
  }

  /** Every record now on {@code topic}, from the beginning. */
  private static <V extends SpecificRecord> void readAll(String bootstrap, Topic<V> topic, Consumer<V> sink) {
    EventSerdes serdes = EventSerdes.singleObject();
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrap), serdes.keySerde().deserializer(), serdes.valueSerde(topic).deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> {
          if (r.value() != null) {
            sink.accept(r.value());
          }
        });
      }
    }
  }
}
