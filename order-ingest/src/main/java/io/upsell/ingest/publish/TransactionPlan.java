package io.upsell.ingest.publish;

import io.upsell.ingest.publish.Publisher.Outcome;
import io.upsell.ingest.publish.Publisher.Submission;
import io.upsell.schemas.topics.Keys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one transaction writes: of each submission in a group only the events whose ids are neither seen nor claimed
 * by another open transaction; a submission that meets another transaction's claim leaves the group and is queued
 * again once that transaction has ended, and one already answered (its request timed out with 503) is left out. The
 * plan holds the claims of every id it writes.
 */
final class TransactionPlan {

  /** What one submission writes in the transaction, and the answer it gets once that commits. */
  record Entry(Submission submission, List<Outgoing> events, boolean deliveryMarker, Outcome outcome) {}

  private final Publisher publisher;
  private final long now;
  private final Claims.Holder holder = new Claims.Holder();
  private final List<Entry> entries = new ArrayList<>();

  private TransactionPlan(Publisher publisher, long now) {
    this.publisher = publisher;
    this.now = now;
  }

  static TransactionPlan of(List<Submission> group, Publisher publisher, long now) {
    TransactionPlan plan = new TransactionPlan(publisher, now);
    try {
      for (Submission submission : group) {
        // Answered already (timed out): writing it now would contradict the 503 its client got.
        Entry entry = submission.done().isDone() ? null : plan.entry(submission);
        if (entry != null) {
          plan.entries.add(entry);
        }
      }
    } catch (RuntimeException | Error e) {
      publisher.claims().release(plan.holder);
      throw e;
    }
    return plan;
  }

  /** When the first of its requests stops waiting for an answer: commits are retried until then. */
  long deadlineNanos(Duration requestTimeout) {
    long first = entries.stream().mapToLong(e -> e.submission().submittedNanos()).min().orElse(System.nanoTime());
    return first + requestTimeout.toNanos();
  }

  List<Entry> entries() {
    return entries;
  }

  Claims.Holder holder() {
    return holder;
  }

  /** True when there is nothing to write (all duplicates, or all waiting): no transaction is opened. */
  boolean writesNothing() {
    return holder.ids().isEmpty();
  }

  /** Which of the submission's events are new; null when it met another open transaction's claim and waits. */
  private Entry entry(Submission s) {
    int total = s.events().size();
    int claimed = 0;
    if (s.deliveryId() != null) {
      Claims.Holder owner = claimUnseen(Keys.customer(s.shopId(), s.deliveryId()));
      if (owner == holder) {
        return new Entry(s, List.of(), false, new Outcome(0, total));
      } else if (owner != null) {
        return waitFor(owner, s, claimed);
      }
      claimed++;
    }
    List<Outgoing> fresh = new ArrayList<>(total);
    for (Outgoing event : s.events()) {
      Claims.Holder owner = claimUnseen(Keys.customer(s.shopId(), event.eventId()));
      if (owner == null) {
        fresh.add(event);
        claimed++;
      } else if (owner != holder) {
        return waitFor(owner, s, claimed);
      }
    }
    return new Entry(s, fresh, s.deliveryId() != null, new Outcome(fresh.size(), total - fresh.size()));
  }

  /**
   * Claims {@code id} for this transaction: null when it is new and now ours, {@code holder} when it is a duplicate
   * (already seen, or repeated in this transaction), otherwise the open transaction that holds it. The claim comes
   * before the seen check on purpose: a committing transaction marks its ids seen before it releases them, so once
   * our claim succeeds the seen check is final; checked the other way round, a commit in between would let the id
   * be written twice.
   */
  private Claims.Holder claimUnseen(String id) {
    Claims.Holder owner = publisher.claims().claim(id, holder);
    if (owner == null && publisher.seen().contains(id, now)) {
      publisher.claims().giveBack(holder, 1);
      return holder;
    }
    return owner;
  }

  private Entry waitFor(Claims.Holder owner, Submission s, int claimed) {
    publisher.claims().giveBack(holder, claimed);
    owner.whenEnded(() -> publisher.requeue(s));
    return null;
  }
}
