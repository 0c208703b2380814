package io.upsell.analytics.stream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer of zig-zag varints and length-prefixed UTF-8 (Kafka's record encoding, which
 * {@link org.apache.kafka.common.utils.ByteUtils} reads back): no locks and no per-byte calls, unlike a stream.
 * One per thread is reused ({@link #reset()}), so writing a history allocates only its result.
 */
final class BinaryWriter {

  private static final ThreadLocal<BinaryWriter> OF_THREAD = ThreadLocal.withInitial(BinaryWriter::new);

  private byte[] bytes = new byte[1024];
  private int size;

  /** This thread's writer, emptied. */
  static BinaryWriter reset() {
    BinaryWriter writer = OF_THREAD.get();
    writer.size = 0;
    return writer;
  }

  void writeByte(int value) {
    ensure(1);
    bytes[size++] = (byte) value;
  }

  void writeVarlong(long value) {
    ensure(10);
    long rest = (value << 1) ^ (value >> 63);
    while ((rest & ~0x7FL) != 0) {
      bytes[size++] = (byte) ((rest & 0x7F) | 0x80);
      rest >>>= 7;
    }
    bytes[size++] = (byte) rest;
  }

  /** A nullable long: 0 for null, else the value's varint after a 1. */
  void writeOptional(Long value) {
    writeByte(value == null ? 0 : 1);
    if (value != null) {
      writeVarlong(value);
    }
  }

  /** A nullable string: length + 1 (0 for null), then UTF-8; ids are ASCII, copied without an encoder. */
  void writeString(String value) {
    if (value == null) {
      writeVarlong(0);
      return;
    }
    int length = value.length();
    if (length < 63 && isAscii(value, length)) {
      ensure(length + 1);
      bytes[size++] = (byte) ((length + 1) << 1);
      for (int i = 0; i < length; i++) {
        bytes[size++] = (byte) value.charAt(i);
      }
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    writeVarlong(utf8.length + 1L);
    ensure(utf8.length);
    System.arraycopy(utf8, 0, bytes, size, utf8.length);
    size += utf8.length;
  }

  private static boolean isAscii(String value, int length) {
    for (int i = 0; i < length; i++) {
      if (value.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
