package io.upsell.bench.notifier;

import io.upsell.notifier.support.BulkRecords;
import io.upsell.notifier.support.Fixtures;
import io.upsell.notifier.support.SseClient;
import io.upsell.notifier.tracking.DeliveryRef;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.testkit.TestShops;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trigger → SSE event latency: a stream open per customer (on the instance the caller names for that customer),
 * in-app triggers for those customers written round-robin at 100/s, each timed from its write to its message event.
 */
final class SseLatency {

  static final String SHOP = TestShops.SHOP_A;
  static final int TRIGGERS = 1000;

  /** p50 and p99 in ms, and how many of the triggers were timed. */
  record Figures(double p50Millis, double p99Millis, int timed) {}

  private SseLatency() {}

  /** {@code streamOn}: customer → base URL of the instance their stream is opened on. */
  static Figures measure(BulkRecords bulk, HttpClient http, Map<String, String> streamOn) throws Exception {
    List<String> customers = new ArrayList<>(streamOn.keySet());
    Map<String, Long> writtenAt = new ConcurrentHashMap<>();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    var done = new CountDownLatch(TRIGGERS);
    Pattern id = Pattern.compile("\"id\":\"([^\"]+)\"");
    List<SseClient> streams = new ArrayList<>();
    for (String customer : customers) {
      String instance = streamOn.get(customer);
      streams.add(new SseClient(http, instance + "/v1/inapp/stream?token=" + token(http, instance, customer), null));
    }
    Thread.sleep(2000);
    for (SseClient stream : streams) {
      Thread t = new Thread(() -> {
        try {
          while (done.getCount() > 0) {
            var e = stream.next(ev -> ev.name().equals("message"), Duration.ofSeconds(1));
            if (e == null) {
              continue;
            }
            Matcher m = id.matcher(e.data());
            Long at = m.find() ? writtenAt.get(m.group(1)) : null;
            if (at != null) {
              latencies.add(e.receivedNanos() - at);
              done.countDown();
            }
          }
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
        }
      });
      t.setDaemon(true);
      t.start();
    }
    long next = System.nanoTime();
    for (int i = 0; i < TRIGGERS; i++) {
      UpsellTrigger trigger = Fixtures.trigger(SHOP, customers.get(i % customers.size()), TriggerType.STORAGE_NEAR_FULL,
          List.of(), ChannelHint.IN_APP);
      writtenAt.put(DeliveryRef.idOf(trigger.getTriggerId(), DeliveryChannel.IN_APP), System.nanoTime());
      bulk.send(Topics.UPSELL_TRIGGERS, Keys.customer(SHOP, trigger.getCustomerId()), trigger);
      next += TimeUnit.MILLISECONDS.toNanos(10);
      long wait = next - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
    }
    done.await(30, TimeUnit.SECONDS);
    streams.forEach(SseClient::close);
    List<Long> timed = List.copyOf(latencies);
    if (timed.size() < TRIGGERS) {
      System.out.printf("[bench-warning] only %d of %d in-app triggers reached their SSE stream within 30 s%n",
          timed.size(), TRIGGERS);
    }
    return new Figures(RawKafka.percentile(timed, 50), RawKafka.percentile(timed, 99), timed.size());
  }

  /** A widget token for {@code customer} of the shop, minted by {@code instance}. */
  static String token(HttpClient http, String instance, String customer) throws Exception {
    var response = http.send(HttpRequest.newBuilder(URI.create(instance + "/v1/inapp/tokens"))
        .header("Authorization", TestShops.bearer(TestShops.SHOP_A_KEY)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"" + customer + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(response.body());
    if (!m.find()) {
      throw new IllegalStateException("no token: " + response.statusCode());
    }
    return m.group(1);
  }
}
