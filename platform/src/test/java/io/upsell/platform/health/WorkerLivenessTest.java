package io.upsell.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class WorkerLivenessTest {

  private final AtomicLong nanos = new AtomicLong();
  private final CountDownLatch release = new CountDownLatch(1);

  @Test
  void isDownWithTheReasonOnceTheWorkersThreadDied() throws Exception {
    Worker worker = new Worker("reader", self -> {
      throw new IllegalStateException("cannot read crm.customers");
    }, nanos::get).start();
    worker.join(10_000);

    HealthCheckResponse response = new WorkerLiveness(worker, Duration.ofMinutes(1)).call();

    assertThat(response.getName()).isEqualTo("reader");
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(response.getData().orElseThrow().get("reason"))
        .isEqualTo("died: java.lang.IllegalStateException: cannot read crm.customers");
  }

  @Test
  void isDownWhenRecordsWaitAndTheWorkerMadeNoProgressForLongerThanTheBound() throws Exception {
    Worker worker = blockedWorkerWithLag(42);
    WorkerLiveness check = new WorkerLiveness(worker, Duration.ofSeconds(30));
    assertThat(check.call().getStatus()).as("within the bound").isEqualTo(HealthCheckResponse.Status.UP);

    nanos.addAndGet(Duration.ofSeconds(31).toNanos());

    HealthCheckResponse response = check.call();
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(response.getData().orElseThrow().get("reason"))
        .isEqualTo("no progress for 31 s with 42 records waiting");
    release.countDown();
  }

  @Test
  void staysUpWhileIdleWithNothingWaiting() throws Exception {
    Worker worker = blockedWorkerWithLag(0);
    nanos.addAndGet(Duration.ofHours(1).toNanos());

    assertThat(new WorkerLiveness(worker, Duration.ofSeconds(30)).call().getStatus())
        .isEqualTo(HealthCheckResponse.Status.UP);
    release.countDown();
  }

  private Worker blockedWorkerWithLag(long lag) throws InterruptedException {
    CountDownLatch polled = new CountDownLatch(1);
    Worker worker = new Worker("consumer", self -> {
      self.progressed(lag);
      polled.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, nanos::get).start();
    polled.await();
    return worker;
  }
}
