package io.upsell.analytics.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One kind of a customer's episodes (sessions, carts, checkouts): an episode converts when the customer orders at
 * or after its start, before the next episode of the kind starts and within the kind's window. Late events move
 * conversions; {@link #converted} is recomputed for the episodes around a change so counts correct themselves.
 */
public class Episodes {

  private static final int KEEP = 100;

  public TreeMap<Long, String> byStart = new TreeMap<>();
  public Map<String, Long> startOf = new HashMap<>();
  public Set<String> converted = new HashSet<>();

  /** A change to the counts of the period holding {@code start}: episodes and converted episodes. */
  record Change(long start, int countDelta, int convertedDelta) {}

  /** Records that episode {@code id} was seen at {@code at}; returns the count and conversion changes. */
  List<Change> seen(String id, long at, TreeSet<Long> orderTimes, long windowMillis) {
    List<Change> changes = new ArrayList<>();
    Long known = startOf.get(id);
    if (known != null && known <= at) {
      return changes;
    }
    if (known != null) {
      // An earlier event of a known episode: it starts earlier, so it leaves its old period.
      changes.add(new Change(known, -1, converted.remove(id) ? -1 : 0));
      byStart.remove(known);
      Long oldNeighbour = byStart.lowerKey(known);
      if (oldNeighbour != null) {
        recheck(oldNeighbour, orderTimes, windowMillis, changes);
      }
    }
    while (byStart.containsKey(at) && !id.equals(byStart.get(at))) {
      at++;
    }
    byStart.put(at, id);
    startOf.put(id, at);
    changes.add(new Change(at, 1, 0));
    recheck(at, orderTimes, windowMillis, changes);
    Long before = byStart.lowerKey(at);
    if (before != null) {
      recheck(before, orderTimes, windowMillis, changes);
    }
    prune();
    return changes;
  }

  /** An order at {@code at}: the episode it falls in may now be converted. */
  List<Change> ordered(long at, TreeSet<Long> orderTimes, long windowMillis) {
    List<Change> changes = new ArrayList<>();
    Long start = byStart.floorKey(at);
    if (start != null) {
      recheck(start, orderTimes, windowMillis, changes);
    }
    return changes;
  }

  private void recheck(long start, TreeSet<Long> orderTimes, long windowMillis, List<Change> changes) {
    String id = byStart.get(start);
    Long next = byStart.higherKey(start);
    long end = Math.min(next == null ? Long.MAX_VALUE : next, start + windowMillis);
    Long order = orderTimes.ceiling(start);
    boolean now = order != null && order < end;
    boolean was = converted.contains(id);
    if (now != was) {
      if (now) {
        converted.add(id);
      } else {
        converted.remove(id);
      }
      changes.add(new Change(start, 0, now ? 1 : -1));
    }
  }

  // Old episodes stay counted; they are only no longer corrected by later late events.
  private void prune() {
    while (byStart.size() > KEEP) {
      String id = byStart.pollFirstEntry().getValue();
      startOf.remove(id);
      converted.remove(id);
    }
  }
}
