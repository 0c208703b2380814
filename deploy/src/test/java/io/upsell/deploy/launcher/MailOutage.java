package io.upsell.deploy.launcher;

import io.upsell.deploy.demo.DemoShop;
import io.upsell.deploy.mail.MailBox;
import io.upsell.deploy.mail.MailServer;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.DeliveryStatus;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.Offer;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.testkit.TopicRecords;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Stops the SMTP server, hands the notifier email triggers (the test stands in for the engine), starts the
 * server again after a while, and counts what became of each trigger: sent (and received), or failed and
 * dead-lettered; and how many retries the notifier counted meanwhile (its meter {@code notifier.retries}).
 */
final class MailOutage {

  /** What became of the triggers. */
  record Result(int triggers, long sent, long failed, long deadLettered, long emails,
      Map<String, Long> emailsPerRecipient, long retries, Duration outageToLastOutcome) {}

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final TestStack stack;
  private final TopicRecords topics;

  MailOutage(TestStack stack, TopicRecords topics) {
    this.stack = stack;
    this.topics = topics;
  }

  Result run(String prefix, int count, Duration outage) throws Exception {
    ShopClient shop = new ShopClient(stack.apiKey());
    List<Map<String, Object>> profiles = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      profiles.add(EndToEndIT.event("customer_profile", prefix + "-c" + i, System.currentTimeMillis(),
          Map.of("email", prefix + "-c" + i + "@shop.example", "name", "Omar", "locale", "en",
              "timeZone", "Europe/London", "marketingConsent", true)));
    }
    assertAccepted(shop.post(stack.url("order-ingest") + "/v1/events/batch", profiles));
    Thread.sleep(2000);

    long retriesBefore = retries();
    ChildProcess.stop(stack.home, MailServer.ROLE, Duration.ofSeconds(10));
    long stoppedAt = System.nanoTime();
    Set<String> triggerIds = new java.util.HashSet<>();
    for (int i = 0; i < count; i++) {
      UpsellTrigger trigger = trigger(prefix + "-c" + i, prefix + "-t" + i);
      triggerIds.add(trigger.getTriggerId());
      topics.send(Topics.UPSELL_TRIGGERS, Keys.customer(DemoShop.ID, trigger.getCustomerId()), trigger,
          System.currentTimeMillis());
    }
    Thread.sleep(outage.toMillis());
    MailServer.start(stack.home, stack.ports);
    if (!Health.await(MailServer.readinessUrl(stack.ports), Duration.ofMinutes(1), () -> true)) {
      throw new IllegalStateException("the SMTP server did not come back");
    }

    var outcomes = awaitOutcomes(triggerIds);
    Duration took = Duration.ofNanos(System.nanoTime() - stoppedAt);
    long retries = retries() - retriesBefore;
    long sent = outcomes.values().stream().filter(s -> s == DeliveryStatus.SENT).count();
    long failed = outcomes.values().stream().filter(s -> s == DeliveryStatus.FAILED).count();
    long deadLettered = topics.readAll(Topics.NOTIFY_DLQ, r -> r.value() != null
        && triggerIds.contains(r.value().getTriggerId()), Duration.ofSeconds(3)).size();
    Map<String, Long> perRecipient = MailBox.read(MailServer.apiUrl(stack.ports)).stream()
        .filter(m -> m.to().startsWith(prefix)).collect(Collectors.groupingBy(MailBox.Mail::to, Collectors.counting()));
    long emails = perRecipient.values().stream().mapToLong(Long::longValue).sum();
    return new Result(count, sent, failed, deadLettered, emails, perRecipient, retries, took);
  }

  /** Email retries the notifier counted so far (its meter notifier.retries, every reason). */
  private long retries() throws Exception {
    String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url("notifier") + "/q/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return Math.round(metrics.lines()
        .filter(line -> line.startsWith("notifier_retries_total{") && line.contains("channel=\"EMAIL\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum());
  }

  private Map<String, DeliveryStatus> awaitOutcomes(Set<String> triggerIds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    Map<String, DeliveryStatus> outcomes = Map.of();
    while (outcomes.size() < triggerIds.size() && System.nanoTime() < deadline) {
      outcomes = topics.readAll(Topics.NOTIFY_DELIVERIES, r -> triggerIds.contains(r.value().getTriggerId())
              && r.value().getChannel() == DeliveryChannel.EMAIL, Duration.ofSeconds(3)).stream()
          .collect(Collectors.toMap(r -> r.value().getTriggerId(), r -> r.value().getStatus(), (a, b) -> b));
    }
    return outcomes;
  }

  private static UpsellTrigger trigger(String customer, String triggerId) {
    Instant now = Instant.now();
    return new UpsellTrigger(DemoShop.ID, customer, triggerId, TriggerType.CART_ABANDONED, 1,
        "fault test: cart left", Offer.newBuilder().setDiscountPercent(10).setCouponCode("SAVE10").build(),
        ChannelHint.EMAIL, "A", false, List.of(), now, now);
  }

  private static void assertAccepted(ShopClient.Answer answer) {
    if (answer.status() != 202) {
      throw new IllegalStateException("profiles not accepted: " + answer.status() + " " + answer.body());
    }
  }
}
