package io.upsell.analytics.kpi;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Every aggregate store holds {@code long[]} counters that only ever get deltas added, so partial results of
 * different partitions and instances sum to the whole; stored as big-endian longs (fast, no schema to evolve:
 * a shorter array read back is padded with zeros).
 */
public final class Counters {

  private Counters() {}

  public static Serde<long[]> serde() {
    Serializer<long[]> serializer = (topic, values) -> {
      if (values == null) {
        return null;
      }
      ByteBuffer buffer = ByteBuffer.allocate(values.length * Long.BYTES);
      for (long v : values) {
        buffer.putLong(v);
      }
      return buffer.array();
    };
    Deserializer<long[]> deserializer = (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      long[] values = new long[bytes.length / Long.BYTES];
      for (int i = 0; i < values.length; i++) {
        values[i] = buffer.getLong();
      }
      return values;
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }

  /** {@code a + b}, element-wise; the result is as long as the longer one. */
  public static long[] plus(long[] a, long[] b) {
    if (a == null) {
      return b == null ? null : b.clone();
    }
    if (b == null) {
      return a.clone();
    }
    long[] sum = new long[Math.max(a.length, b.length)];
    for (int i = 0; i < sum.length; i++) {
      sum[i] = (i < a.length ? a[i] : 0) + (i < b.length ? b[i] : 0);
    }
    return sum;
  }

  public static long get(long[] values, int index) {
    return values != null && index < values.length ? values[index] : 0;
  }

  public static boolean isZero(long[] values) {
    for (long v : values) {
      if (v != 0) {
        return false;
      }
    }
    return true;
  }
}
