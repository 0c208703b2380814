package io.upsell.deploy.launcher;

import io.upsell.deploy.demo.DemoShop;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Posts storage reports that each fire one STORAGE_NEAR_FULL prompt while the engine, the notifier and analytics
 * are killed with SIGKILL in turn and started again, as a crashed process would be by its supervisor.
 */
final class KillDuringLoad {

  /** Customers whose usage report got a 202. */
  record Result(List<String> accepted) {}

  private final TestStack stack;
  private final ShopClient shop;

  KillDuringLoad(TestStack stack) {
    this.stack = stack;
    this.shop = new ShopClient(stack.apiKey());
  }

  Result run(String prefix, int customers) throws Exception {
    List<String> accepted = new CopyOnWriteArrayList<>();
    Thread poster = new Thread(() -> {
      for (int i = 0; i < customers && !Thread.currentThread().isInterrupted(); i++) {
        String customer = prefix + "-c" + i;
        try {
          if (shop.post(stack.url("order-ingest") + "/v1/events",
              ShopClient.usage(prefix + "-u" + i, customer, 86, 100)).status() == 202) {
            accepted.add(customer);
          }
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          // Not accepted: not counted as owed.
        }
      }
    }, "kill-poster");
    poster.start();
    for (String service : List.of("trigger-engine", "notifier", "analytics")) {
      Thread.sleep(3000);
      kill(service);
      Services.start(stack.home, stack.ports, service);
    }
    poster.join(TimeUnit.MINUTES.toMillis(2));
    return new Result(List.copyOf(accepted));
  }

  private void kill(String service) throws Exception {
    ProcessHandle process = ChildProcess.running(stack.home, service).orElseThrow();
    process.destroyForcibly();
    process.onExit().get(30, TimeUnit.SECONDS);
  }

  /** Fired (decided minus suppressed) {@code type} triggers analytics counts today, once it has caught up. */
  static long firedInAnalytics(TestStack stack, String type, long expected) throws Exception {
    ShopClient shop = new ShopClient(stack.apiKey());
    LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
    String url = stack.url("analytics") + "/v1/shops/" + DemoShop.ID + "/funnel?from=" + today.minusDays(1)
        + "&to=" + today.plusDays(2);
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    long fired = -1;
    while (fired != expected && System.nanoTime() < deadline) {
      var answer = shop.get(url);
      if (answer.status() == 200) {
        fired = 0;
        for (var row : answer.json().path("rows")) {
          if (type.equals(row.path("triggerType").asText())) {
            fired += row.path("decided").asLong() - row.path("suppressed").asLong();
          }
        }
      }
      Thread.sleep(1000);
    }
    return fired;
  }
}
