package io.upsell.ingest.publish;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The ids seen lately, each kept as a 128-bit hash with the second it was last seen, in primitive arrays: 40 to 80
 * bytes an id and no object per id for the garbage collector to trace or copy (a map of strings cost ~150 bytes and
 * four objects an id, all of them surviving young collections). A different id counts as seen only on a full
 * 128-bit collision; the seed is random per process, so which ids collide cannot be known in advance.
 */
final class IdTable {

  private static final int SEGMENTS = 16;
  /** Seconds are stored relative to this, so they fit an int for decades and 0 can mean "empty". */
  private static final long EPOCH_SECOND = 1_700_000_000L;

  private final int seed = ThreadLocalRandom.current().nextInt();
  private final IdSegment[] segments = new IdSegment[SEGMENTS];

  IdTable() {
    for (int i = 0; i < SEGMENTS; i++) {
      segments[i] = new IdSegment();
    }
  }

  /** Records {@code key} as seen at {@code millis} (keeping the later time if it was seen before). */
  void put(String key, long millis) {
    put(key.getBytes(StandardCharsets.UTF_8), millis);
  }

  /** The same for a key given as its UTF-8 bytes. */
  void put(byte[] key, long millis) {
    long[] hash = MurmurHash3.hash128x64(key, 0, key.length, seed);
    segment(hash).put(hash[0], hash[1], second(millis));
  }

  /** When {@code key} was last seen, in epoch millis rounded up to the second (never earlier than it was), or -1. */
  long seenAt(String key) {
    long[] hash = hash(key);
    int at = segment(hash).get(hash[0], hash[1]);
    return at == 0 ? -1 : (at + EPOCH_SECOND) * 1000;
  }

  /** Forgets ids last seen before {@code millis} (at second precision: an id may stay up to a second longer). */
  void forgetBefore(long millis) {
    int oldest = second(millis);
    for (IdSegment segment : segments) {
      segment.keepFrom(oldest);
    }
  }

  int size() {
    int size = 0;
    for (IdSegment segment : segments) {
      size += segment.size();
    }
    return size;
  }

  /** Slots of all segments (used or not): how much memory the table holds. */
  int capacity() {
    int capacity = 0;
    for (IdSegment segment : segments) {
      capacity += segment.capacity();
    }
    return capacity;
  }

  private long[] hash(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    return MurmurHash3.hash128x64(bytes, 0, bytes.length, seed);
  }

  private IdSegment segment(long[] hash) {
    return segments[(int) (hash[0] >>> 60)];
  }

  // Rounded up, so a stored time is never before the real one and an id is kept up to 999 ms long, never short.
  private static int second(long millis) {
    return (int) Math.max(1, -Math.floorDiv(-millis, 1000L) - EPOCH_SECOND);
  }
}
