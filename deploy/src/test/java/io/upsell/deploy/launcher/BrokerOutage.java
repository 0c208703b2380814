package io.upsell.deploy.launcher;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Posts usage events at a steady rate while the broker is stopped for a while and started again, and records what
 * ingest answered for each event. Bounded: it stops by itself after {@code total}.
 */
final class BrokerOutage {

  private final TestStack stack;
  private final ShopClient shop;
  private final Map<String, Integer> answers = new ConcurrentHashMap<>();

  BrokerOutage(TestStack stack) {
    this.stack = stack;
    this.shop = new ShopClient(stack.apiKey());
  }

  /** eventId → HTTP status ingest answered. */
  Map<String, Integer> run(String prefix, Duration every, Duration before, Duration outage, Duration after)
      throws Exception {
    Thread poster = new Thread(() -> post(prefix, every), "outage-poster");
    poster.start();
    Thread.sleep(before.toMillis());
    ChildProcess.stop(stack.home, KafkaNode.ROLE, Duration.ofSeconds(30));
    Thread.sleep(outage.toMillis());
    KafkaNode.start(stack.home, stack.ports);
    Thread.sleep(after.toMillis());
    poster.interrupt();
    poster.join(30_000);
    return Map.copyOf(answers);
  }

  private void post(String prefix, Duration every) {
    String url = stack.url("order-ingest") + "/v1/events";
    for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
      String eventId = prefix + "-" + i;
      try {
        answers.put(eventId, shop.post(url, ShopClient.usage(eventId, "outage-c" + (i % 50), 10, 100)).status());
        Thread.sleep(every.toMillis());
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        // No answer at all (connection refused, timeout): the client knows it was not accepted.
        answers.put(eventId, -1);
      }
    }
  }
}
