package io.upsell.analytics.stream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer of zig-zag varints and length-prefixed UTF-8 (Kafka's record encoding, which
 * {@link org.apache.kafka.common.utils.ByteUtils} reads back): no locks and no per-byte calls, unlike a stream.
 */
final class BinaryWriter {

  private byte[] bytes = new byte[256];
  private int size;

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

  /** A nullable string: length + 1 (0 for null), then UTF-8. */
  void writeString(String value) {
    if (value == null) {
      writeVarlong(0);
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    writeVarlong(utf8.length + 1L);
    ensure(utf8.length);
    System.arraycopy(utf8, 0, bytes, size, utf8.length);
    size += utf8.length;
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
