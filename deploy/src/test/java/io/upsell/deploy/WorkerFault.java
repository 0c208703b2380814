package io.upsell.deploy;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Makes one worker of a running service fail (an OutOfMemoryError or an exception, through the test-only fault file)
 * while a usage report that fires a STORAGE_NEAR_FULL prompt (or other events given) is on its way through it, then
 * waits for the launcher's
 * supervisor to restart the service and for it to be healthy again.
 */
final class WorkerFault {

  /** The customer whose trigger was in flight, the liveness answers seen meanwhile, the service's restarts. */
  record Result(String customer, String livenessWhileFailed, int restartsBefore, int restartsAfter) {}

  private final TestStack stack;
  private final ShopClient shop;

  WorkerFault(TestStack stack) {
    this.stack = stack;
    this.shop = new ShopClient(stack.apiKey());
  }

  Result run(String service, String worker, String kind, String customer) throws Exception {
    return run(service, worker, kind, customer, List.of(ShopClient.usage(customer + "-u", customer, 90, 100)));
  }

  /** As above, with {@code events} (posted as one batch) making the trigger that is in flight. */
  Result run(String service, String worker, String kind, String customer, List<Map<String, Object>> events)
      throws Exception {
    int before = stack.stack.restarts().get(service);
    Files.writeString(Services.faultFile(stack.home, service), worker + " " + kind);
    var posted = shop.post(stack.url("order-ingest") + "/v1/events/batch", events);
    if (posted.status() != 202) {
      throw new IllegalStateException("events refused: " + posted);
    }
    String liveness = "";
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (stack.stack.restarts().get(service) == before && System.nanoTime() < deadline) {
      liveness = liveness.contains("DOWN") ? liveness : liveness(service);
      Thread.sleep(200);
    }
    while (!"healthy".equals(stack.stack.status().get(service)) && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    return new Result(customer, liveness, before, stack.stack.restarts().get(service));
  }

  private String liveness(String service) {
    try {
      return shop.get(stack.url(service) + "/q/health/live").body();
    } catch (Exception e) {
      return ""; // not answering: exited, or halted
    }
  }
}
