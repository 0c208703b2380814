package io.upsell.ingest.publish;

import io.upsell.ingest.publish.Publisher.Submission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One thread and its transactional producer: it gathers the submissions waiting into one transaction (group
 * commit), writes their new events ({@link TransactionPlan}) and answers them once the commit is acknowledged.
 * Several lanes let one group start while the previous one is still committing.
 */
final class Lane implements Runnable {

  private final Publisher publisher;
  private final LaneProducer producer;
  private final PublishTimings timings;
  private long committedAt = System.nanoTime() - 1_000_000_000L;

  Lane(Publisher publisher, LaneProducer producer, PublishTimings timings) {
    this.publisher = publisher;
    this.producer = producer;
    this.timings = timings;
  }

  @Override
  public void run() {
    List<Submission> group = new ArrayList<>();
    while (publisher.running()) {
      try {
        restAfterCommit();
        Submission first = publisher.queue().poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        int records = first.events().size();
        Submission next;
        while (records < publisher.settings().maxGroupRecords() && (next = publisher.queue().poll()) != null) {
          group.add(next);
          records += next.events().size();
        }
        publish(group);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        group.clear();
      }
    }
  }

  private void publish(List<Submission> group) {
    long taken = System.nanoTime();
    group.forEach(s -> timings.queued.record(Duration.ofNanos(taken - s.queuedNanos())));
    long now = System.currentTimeMillis();
    TransactionPlan plan = TransactionPlan.of(group, publisher, now);
    List<TransactionPlan.Entry> entries = plan.entries();
    boolean writes = !plan.writesNothing();
    try {
      if (writes) {
        producer.write(entries, now);
      }
    } catch (RuntimeException e) {
      publisher.claims().release(plan.holder());
      publisher.failed(entries.stream().map(TransactionPlan.Entry::submission).toList(), e, now);
      return;
    }
    long committed = System.nanoTime();
    if (writes) {
      committedAt = committed;
      timings.requests.record(entries.size());
    }
    publisher.seen().addAll(plan.holder().ids(), now);
    publisher.claims().release(plan.holder());
    for (TransactionPlan.Entry entry : entries) {
      entry.submission().done().complete(entry.outcome());
      timings.total.record(Duration.ofNanos(System.nanoTime() - entry.submission().submittedNanos()));
    }
    timings.answer.record(Duration.ofNanos(System.nanoTime() - committed));
  }

  /**
   * A transaction begun straight after this producer's commit meets the broker still writing that commit's markers:
   * with transactions v2 (Kafka 4) the broker then answers its first produce only after retrying the partition's
   * addition {@code add.partitions.to.txn.retry.backoff.ms} (20 ms) later. Measured (one producer, two records a
   * transaction): back to back, 14-40% of transactions took 18 ms or more (p90 22-28 ms); with 2 ms between them,
   * none did (p90 2-3 ms). So a lane waits out the rest of {@code restAfterCommit} before it takes its next group;
   * the other lane takes what arrives meanwhile, and a lane that has been idle does not wait at all.
   */
  private void restAfterCommit() throws InterruptedException {
    long rest = publisher.settings().restAfterCommit().toNanos() - (System.nanoTime() - committedAt);
    if (rest > 0) {
      TimeUnit.NANOSECONDS.sleep(rest);
    }
  }

  /** Called once the lane's thread has stopped. */
  void close() {
    producer.close();
  }
}
