package io.upsell.ingest.publish;

import io.upsell.ingest.publish.Publisher.Submission;
import io.upsell.platform.health.ServiceExit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One thread and its transactional producer: it gathers the submissions waiting into one transaction (group
 * commit), writes their new events ({@link TransactionPlan}) and answers them once the commit is acknowledged.
 * Several lanes let one group start while the previous one is still committing. A lane that was fenced stops; any
 * other failure, even an {@link Error}, fails only its group.
 */
final class Lane implements Runnable {

  private static final Logger LOG = Logger.getLogger(Lane.class);

  private final Publisher publisher;
  private final LaneProducer producer;
  private final PublishTimings timings;
  private final InDoubt inDoubt;
  private long committedAt = System.nanoTime() - 1_000_000_000L;

  Lane(Publisher publisher, LaneProducer producer, PublishTimings timings) {
    this.publisher = publisher;
    this.producer = producer;
    this.timings = timings;
    this.inDoubt = new InDoubt(publisher, producer);
  }

  @Override
  public void run() {
    List<Submission> group = new ArrayList<>();
    while (publisher.running()) {
      try {
        if (!inDoubt.settle()) {
          continue;
        }
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
      } catch (LaneProducer.Fenced e) {
        LOG.errorf("publishing lane %s stops: %s; this instance takes no more events", Thread.currentThread().getName(),
            e.getMessage());
        publisher.fenced();
        return;
      } catch (RuntimeException | Error e) {
        // Past planning and writing (answering, polling): still answer the group rather than lose the lane.
        LOG.errorf(e, "publishing lane failed unexpectedly; it goes on");
        publisher.failed(group, e, System.currentTimeMillis());
        ServiceExit.haltOnError(Thread.currentThread().getName(), e); // the group is answered; after an Error, stop
      } finally {
        group.clear();
      }
    }
  }

  private void publish(List<Submission> group) {
    long taken = System.nanoTime();
    group.forEach(s -> timings.queued.record(Duration.ofNanos(taken - s.queuedNanos())));
    long now = System.currentTimeMillis();
    TransactionPlan plan = null;
    try {
      plan = TransactionPlan.of(group, publisher, now);
      if (!plan.writesNothing()) {
        producer.write(plan.entries(), now, plan.deadlineNanos(publisher.settings().requestTimeout()));
        committedAt = System.nanoTime();
        timings.requests.record(plan.entries().size());
      }
    } catch (Throwable e) {
      if (e instanceof LaneProducer.Fenced) {
        publisher.fenced(); // before the group is answered: whoever sees its 503 sees this instance not ready
      }
      failed(group, plan, e, now);
      ServiceExit.haltOnError(Thread.currentThread().getName(), e);
      if (e instanceof LaneProducer.Fenced fenced) {
        throw fenced;
      }
      return;
    }
    answer(plan, now);
  }

  /**
   * The group's transaction failed: its requests get 503. Its claims are let go, unless the commit is in doubt: then
   * they stay held until {@link InDoubt} has settled it, so a retry here waits and then is a duplicate or written.
   */
  private void failed(List<Submission> group, TransactionPlan plan, Throwable e, long now) {
    if (plan == null) {
      LOG.errorf(e, "planning a transaction failed");
    } else if (e instanceof LaneProducer.CommitInDoubt) {
      inDoubt.hold(plan.holder());
    } else {
      publisher.claims().release(plan.holder());
    }
    if (!(e instanceof RuntimeException)) {
      LOG.errorf(e, "a transaction failed unexpectedly");
    }
    List<Submission> failed = plan == null ? group : plan.entries().stream().map(TransactionPlan.Entry::submission)
        .toList();
    publisher.failed(failed, e, now);
  }

  private void answer(TransactionPlan plan, long now) {
    long committed = System.nanoTime();
    publisher.seen().addAll(plan.holder().ids(), now);
    publisher.claims().release(plan.holder());
    for (TransactionPlan.Entry entry : plan.entries()) {
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
