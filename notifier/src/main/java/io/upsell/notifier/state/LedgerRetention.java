package io.upsell.notifier.state;

import io.upsell.schemas.notify.Delivery;
import io.upsell.schemas.notify.SendClaim;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * The send ledger keeps a trigger's claims and outcomes for the retention only, so a partition's stores, their
 * changelogs and a restore are bounded by the window, not by every send ever made. It is safe because a trigger older
 * than the retention is not handled at all: nothing could be sent twice for want of its forgotten ledger entries.
 */
final class LedgerRetention {

  /** How often a partition's ledger is swept; a day's surplus is small beside the retention. */
  static final Duration SCAN_EVERY = Duration.ofHours(1);

  private static final Logger LOG = Logger.getLogger(LedgerRetention.class);

  private final Duration retention;

  LedgerRetention(Duration retention) {
    this.retention = retention;
  }

  /** Whether {@code trigger} was decided so long ago that its ledger entries may be gone. */
  boolean isStale(UpsellTrigger trigger, Instant now) {
    boolean stale = trigger.getFiredAt().isBefore(now.minus(retention));
    if (stale) {
      LOG.debugf("trigger %s fired at %s, before the ledger's retention: not handled", trigger.getTriggerId(),
          trigger.getFiredAt());
    }
    return stale;
  }

  /** Removes the claims and outcomes older than the retention; returns how many. */
  int removeExpired(KeyValueStore<String, SendClaim> claims, KeyValueStore<String, Delivery> outcomes, Instant now) {
    Instant before = now.minus(retention);
    return remove(claims, SendClaim::getClaimedAt, before) + remove(outcomes, Delivery::getOccurredAt, before);
  }

  private static <V> int remove(KeyValueStore<String, V> store, Function<V, Instant> at, Instant before) {
    List<String> expired = new ArrayList<>();
    try (var all = store.all()) {
      all.forEachRemaining(entry -> {
        if (entry.value != null && at.apply(entry.value).isBefore(before)) {
          expired.add(entry.key);
        }
      });
    }
    expired.forEach(store::delete);
    return expired.size();
  }
}
