package io.upsell.ingest.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An event id is written by at most one open transaction of this instance: a transaction claims each id before it
 * writes it, and a submission that meets another transaction's claim waits until that transaction has ended (then
 * its id is either seen, so a duplicate, or free again).
 */
final class Claims {

  /** The ids one transaction claimed; {@link #ended} completes once it committed or aborted and let them go. */
  static final class Holder {
    private final List<String> ids = new ArrayList<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    List<String> ids() {
      return ids;
    }

    /** Runs {@code action} once this transaction has ended (at once if it has). */
    void whenEnded(Runnable action) {
      ended.thenRun(action);
    }
  }

  private final ConcurrentHashMap<String, Holder> held = new ConcurrentHashMap<>();

  /**
   * Claims {@code id} for {@code holder}: null when it is now the holder's, the holder itself when it already was
   * (a repeat inside the same transaction), otherwise the other transaction that holds it.
   */
  Holder claim(String id, Holder holder) {
    Holder owner = held.putIfAbsent(id, holder);
    if (owner == null) {
      holder.ids.add(id);
    }
    return owner;
  }

  /** Gives back the last {@code count} ids the holder claimed (a submission that has to wait after all). */
  void giveBack(Holder holder, int count) {
    List<String> last = holder.ids.subList(holder.ids.size() - count, holder.ids.size());
    last.forEach(id -> held.remove(id, holder));
    last.clear();
  }

  /** Ends the holder's transaction: its ids are free again and whoever waited for it goes on. */
  void release(Holder holder) {
    holder.ids.forEach(id -> held.remove(id, holder));
    holder.ended.complete(null);
  }
}
