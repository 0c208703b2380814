package io.upsell.ingest.publish;

import io.upsell.ingest.publish.Publisher.Outcome;
import io.upsell.ingest.publish.Publisher.Submission;
import io.upsell.schemas.ingest.SeenEvent;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One transactional producer and the thread that drives it: it gathers the submissions waiting into one
 * transaction (group commit), writes their new events with their {@code ingest.seen-ids} markers, and answers them
 * once the commit is acknowledged. Several lanes let one group start while the previous one is still committing.
 */
final class Lane implements Runnable {

  /** What one submission writes in this lane's transaction, and the answer it gets once that commits. */
  private record Plan(Submission submission, List<Outgoing> events, boolean deliveryMarker, Outcome outcome) {}

  private final Publisher publisher;
  private final String transactionalId;
  private final Serializer<SeenEvent> markers;
  private Producer<String, byte[]> producer;

  Lane(Publisher publisher, String transactionalId, Serializer<SeenEvent> markers) {
    this.publisher = publisher;
    this.transactionalId = transactionalId;
    this.markers = markers;
  }

  @Override
  public void run() {
    List<Submission> group = new ArrayList<>();
    while (publisher.running()) {
      try {
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
    long now = System.currentTimeMillis();
    Claims.Holder holder = new Claims.Holder();
    List<Plan> plans = new ArrayList<>(group.size());
    for (Submission submission : group) {
      Plan plan = plan(submission, holder, now);
      if (plan != null) {
        plans.add(plan);
      }
    }
    try {
      if (!holder.ids().isEmpty()) {
        write(plans, now);
      }
    } catch (RuntimeException e) {
      publisher.claims().release(holder);
      closeProducer();
      publisher.failed(plans.stream().map(Plan::submission).toList(), e, now);
      return;
    }
    publisher.seen().addAll(holder.ids(), now);
    publisher.claims().release(holder);
    plans.forEach(plan -> plan.submission().done().complete(plan.outcome()));
  }

  /** Which of the submission's events are new; null when it met another open transaction's claim and waits. */
  private Plan plan(Submission s, Claims.Holder holder, long now) {
    int total = s.events().size();
    int claimed = 0;
    if (s.deliveryId() != null) {
      String delivery = Keys.customer(s.shopId(), s.deliveryId());
      Claims.Holder owner = claimUnseen(delivery, holder, now);
      if (owner == holder) {
        return new Plan(s, List.of(), false, new Outcome(0, total));
      } else if (owner != null) {
        return waitFor(owner, s, holder, claimed);
      }
      claimed++;
    }
    List<Outgoing> fresh = new ArrayList<>(total);
    for (Outgoing event : s.events()) {
      String id = Keys.customer(s.shopId(), event.eventId());
      Claims.Holder owner = claimUnseen(id, holder, now);
      if (owner == null) {
        fresh.add(event);
        claimed++;
      } else if (owner != holder) {
        return waitFor(owner, s, holder, claimed);
      }
    }
    return new Plan(s, fresh, s.deliveryId() != null, new Outcome(fresh.size(), total - fresh.size()));
  }

  /**
   * Claims {@code id} for this transaction: null when it is new and now ours, {@code holder} when it is a duplicate
   * (already seen, or repeated in this transaction), otherwise the open transaction that holds it. The claim comes
   * before the seen check on purpose: a committing transaction marks its ids seen before it releases them, so once
   * our claim succeeds the seen check is final; checked the other way round, a commit in between would let the id
   * be written twice.
   */
  private Claims.Holder claimUnseen(String id, Claims.Holder holder, long now) {
    Claims.Holder owner = publisher.claims().claim(id, holder);
    if (owner == null && publisher.seen().contains(id, now)) {
      publisher.claims().giveBack(holder, 1);
      return holder;
    }
    return owner;
  }

  private Plan waitFor(Claims.Holder owner, Submission s, Claims.Holder holder, int claimed) {
    publisher.claims().giveBack(holder, claimed);
    owner.whenEnded(() -> publisher.requeue(s));
    return null;
  }

  private void write(List<Plan> plans, long now) {
    Producer<String, byte[]> transaction = producer();
    transaction.beginTransaction();
    for (Plan plan : plans) {
      Submission s = plan.submission();
      if (plan.deliveryMarker()) {
        transaction.send(marker(s.shopId(), s.deliveryId(), null, now));
      }
      for (Outgoing event : plan.events()) {
        transaction.send(new ProducerRecord<>(event.topic(), null, event.timestamp(), event.key(), event.value()));
        transaction.send(marker(s.shopId(), event.eventId(), event.topic(), now));
      }
    }
    transaction.commitTransaction();
  }

  private ProducerRecord<String, byte[]> marker(String shopId, String eventId, String topic, long now) {
    SeenEvent seenEvent = new SeenEvent(shopId, eventId, topic, Instant.ofEpochMilli(now));
    String name = Topics.INGEST_SEEN_IDS.name();
    return new ProducerRecord<>(name, null, now, Keys.customer(shopId, eventId), markers.serialize(name, seenEvent));
  }

  private Producer<String, byte[]> producer() {
    if (producer == null) {
      Producer<String, byte[]> created = publisher.settings().newProducer(transactionalId);
      try {
        created.initTransactions();
      } catch (RuntimeException e) {
        created.close(Duration.ZERO);
        throw e;
      }
      producer = created;
    }
    return producer;
  }

  // After any failure the producer may be mid-transaction or fenced: start over with a fresh one, whose
  // initTransactions aborts whatever this one left open.
  private void closeProducer() {
    if (producer != null) {
      producer.close(Duration.ZERO);
      producer = null;
    }
  }

  /** Called once the lane's thread has stopped. */
  void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(2));
    }
  }
}
