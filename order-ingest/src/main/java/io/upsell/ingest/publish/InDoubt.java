package io.upsell.ingest.publish;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * A lane's commit that Kafka did not confirm in time keeps its event ids claimed until its outcome is known here:
 * once the lane's next producer has initialised (which completes or aborts the transaction left open) and the
 * idempotency log has been read up to that point, every id it committed is seen. Until then a retry of one of those
 * ids on this instance waits for the claim (503 if that takes longer than its request may wait), so it is answered as
 * a duplicate or written once, never written twice.
 */
final class InDoubt {

  private static final Logger LOG = Logger.getLogger(InDoubt.class);

  private final Publisher publisher;
  private final LaneProducer producer;
  private Claims.Holder held;

  InDoubt(Publisher publisher, LaneProducer producer) {
    this.publisher = publisher;
    this.producer = producer;
  }

  /** Keeps {@code holder}'s claims until the outcome of its transaction is known. */
  void hold(Claims.Holder holder) {
    held = holder;
    LOG.warnf("a commit of %d event ids was not confirmed in time; they stay claimed until it is settled",
        holder.ids().size());
  }

  /** True when nothing is in doubt (any more); false after a failed attempt to settle, having waited a moment. */
  boolean settle() throws InterruptedException {
    if (held == null) {
      return true;
    }
    try {
      producer.open();
      publisher.seen().readToEnd().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      if (e instanceof LaneProducer.Fenced fenced) {
        throw fenced;
      }
      LOG.warnf("cannot settle an unconfirmed commit yet: %s", e.getMessage());
      Thread.sleep(publisher.settings().downBackoff().toMillis());
      return false;
    }
    publisher.claims().release(held);
    LOG.infof("the unconfirmed commit is settled; its %d event ids are free again", held.ids().size());
    held = null;
    return true;
  }
}
