package io.upsell.ingest.publish;

/**
 * One sixteenth of {@link IdTable}'s ids: 128-bit hashes with the second each was last seen, in an open-addressing
 * table with linear probing that is at most half full; grown and shrunk by rebuilding, expired in place.
 */
final class IdSegment {

  private long[] high = new long[1024];
  private long[] low = new long[1024];
  private int[] at = new int[1024];
  private int size;

  synchronized int get(long h, long l) {
    int mask = at.length - 1;
    for (int i = (int) l & mask; at[i] != 0; i = (i + 1) & mask) {
      if (high[i] == h && low[i] == l) {
        return at[i];
      }
    }
    return 0;
  }

  synchronized void put(long h, long l, int second) {
    // At most half full: a miss (every new id is one) then probes about 2.5 slots.
    if ((size + 1) * 2 > at.length) {
      rebuild(at.length * 2);
    }
    int mask = at.length - 1;
    int i = (int) l & mask;
    while (at[i] != 0 && !(high[i] == h && low[i] == l)) {
      i = (i + 1) & mask;
    }
    if (at[i] == 0) {
      size++;
      high[i] = h;
      low[i] = l;
    }
    at[i] = Math.max(at[i], second);
  }

  /**
   * Removes the ids last seen before {@code oldest} in place (no new arrays, one pass under the lock): the full
   * rebuild this replaced allocated the whole table again every minute (~0.5 GB at 7 M ids). The pass starts at
   * an empty slot so that no run of occupied slots wraps around its start.
   */
  synchronized void keepFrom(int oldest) {
    int mask = at.length - 1;
    int start = 0;
    while (at[start] != 0) {
      start++;
    }
    int i = (start + 1) & mask;
    for (int steps = 1; steps < at.length; ) {
      if (at[i] != 0 && at[i] < oldest) {
        removeAt(i);
        // a later id of the same run may have moved into slot i: look at it again
      } else {
        i = (i + 1) & mask;
        steps++;
      }
    }
    int capacity = at.length;
    while (capacity > 1024 && size * 8 < capacity) {
      capacity /= 2;
    }
    if (capacity < at.length) {
      rebuild(capacity);
    }
  }

  /** Deletion by backward shift: the ids after the hole in its run move up if that keeps them findable. */
  private void removeAt(int slot) {
    int mask = at.length - 1;
    int hole = slot;
    for (int j = (slot + 1) & mask; at[j] != 0; j = (j + 1) & mask) {
      int home = (int) low[j] & mask;
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        high[hole] = high[j];
        low[hole] = low[j];
        at[hole] = at[j];
        hole = j;
      }
    }
    at[hole] = 0;
    high[hole] = 0;
    low[hole] = 0;
    size--;
  }

  synchronized int size() {
    return size;
  }

  synchronized int capacity() {
    return at.length;
  }

  private void rebuild(int capacity) {
    long[] oldHigh = high;
    long[] oldLow = low;
    int[] oldAt = at;
    high = new long[capacity];
    low = new long[capacity];
    at = new int[capacity];
    size = 0;
    for (int i = 0; i < oldAt.length; i++) {
      if (oldAt[i] != 0) {
        put(oldHigh[i], oldLow[i], oldAt[i]);
      }
    }
  }
}
